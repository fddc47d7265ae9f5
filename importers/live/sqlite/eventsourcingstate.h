#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace eventscope::importers::live {

// What the Python `eventsourcing` library stores, read back without Python.
//
// A topic names the event's class as "module:QualifiedName" ("bank.domain:Account.Opened"; before
// version 9, "module#QualifiedName"). The qualified name is the readable type; the classes around
// the event class (here Account, the aggregate) name the stream's category.
struct EventsourcingTopic
{
    QString type;      // "Account.Opened"
    QString aggregate; // "Account"; empty when the event class is not nested in a class

    static EventsourcingTopic parse(const QString& topic);
};

// The state column: the event's attributes as JSON bytes from the library's JSONTranscoder,
// which wraps values JSON cannot hold as {"_type_": "datetime_iso", "_data_": "..."} (also
// uuid_hex, decimal_str, ...). An application may compress it (zlib, COMPRESSOR_TOPIC) and encrypt
// it (AES-GCM, CIPHER_TOPIC) before storing it.
struct EventsourcingState
{
    enum class Encoding
    {
        Json,
        ZlibJson, // compressed, decompressed here
        Opaque    // encrypted, or not JSON at all: kept as raw bytes
    };
    Encoding encoding = Encoding::Json;
    QByteArray json;              // the attributes, wrappers replaced by their data; empty when Opaque
    std::optional<qint64> timeUs; // the event's "timestamp" attribute
    QString problem;              // why it is Opaque

    static EventsourcingState decode(const QByteArray& state);
};

} // namespace eventscope::importers::live

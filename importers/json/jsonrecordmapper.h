#pragma once

#include "event.h"
#include "mapping/fieldmapping.h"
#include "reader.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string_view>

namespace eventscope::importers {

// Turns one JSON record into an envelope: through the user's --map, or through the preset (or
// CloudEvents structured mode) detected from the first object record's fields. Parses with
// simdjson; one instance per reader run (it keeps the parser's buffers between records).
class JsonRecordMapper
{
public:
    explicit JsonRecordMapper(const ReadOptions& options);
    ~JsonRecordMapper();
    JsonRecordMapper(const JsonRecordMapper&) = delete;
    JsonRecordMapper& operator=(const JsonRecordMapper&) = delete;

    struct Outcome
    {
        std::optional<Event> event;
        QString error;          // why the record was rejected (empty when accepted)
        qint64 errorColumn = 0; // 1-based byte column in the record text for syntax errors, else 0
        QStringList warnings;
        bool fatal = false; // the file as a whole cannot be mapped (no mapping matches): stop
    };

    // jsonText: one JSON document. Its buffer must stay valid during the call only.
    Outcome map(std::string_view jsonText);

    // For the import summary: "mapping: KurrentDB / EventStoreDB export (detected)".
    QString mappingNote() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace eventscope::importers

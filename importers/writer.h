#pragma once

#include "event.h"

#include <QIODevice>
#include <QString>

#include <memory>
#include <stdexcept>

namespace eventscope::importers {

class WriteError : public std::runtime_error
{
public:
    explicit WriteError(const QString& message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromUtf8(what()); }
};

// Writes envelopes one after another to a device; throws WriteError when the device fails.
class EventWriter
{
public:
    virtual ~EventWriter() = default;
    virtual void write(const Event& event) = 0;
    // Completes the output (closing brackets of a batch, ...). Called once, after the last write.
    virtual void finish() = 0;
};

// An export format. Callers write through a QSaveFile so that an export is atomic.
class ExportFormat
{
public:
    virtual ~ExportFormat() = default;
    virtual QString id() const = 0; // what --format takes: "jsonl", "cloudevents-json", ...
    virtual QString displayName() const = 0;
    virtual QString extension() const = 0; // without the dot
    virtual std::unique_ptr<EventWriter> open(QIODevice& device) const = 0;
};

} // namespace eventscope::importers

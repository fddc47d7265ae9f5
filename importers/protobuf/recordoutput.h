#pragma once

#include "writer.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>

namespace eventscope::importers::protobuf {

// Writes whole records to an export device; throws WriteError naming the format when the device
// takes less than all of a record (disk full, closed device).
class RecordOutput
{
public:
    RecordOutput(QIODevice& device, QString formatName)
        : m_device(device), m_formatName(std::move(formatName))
    {}

    void write(const QByteArray& record)
    {
        if (m_device.write(record) != record.size())
            throw WriteError(QStringLiteral("cannot write %1: %2").arg(m_formatName, m_device.errorString()));
    }

private:
    QIODevice& m_device;
    QString m_formatName;
};

} // namespace eventscope::importers::protobuf

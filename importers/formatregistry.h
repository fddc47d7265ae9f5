#pragma once

#include "reader.h"
#include "writer.h"

#include <memory>
#include <vector>

namespace eventscope::importers {

// Every format Eventscope reads and writes. Detection looks at a file's content first and its
// name second: a .json file holding JSON Lines is read as JSON Lines.
class FormatRegistry
{
public:
    static const FormatRegistry& instance();

    const std::vector<std::unique_ptr<FormatReader>>& readers() const { return m_readers; }
    const FormatReader* reader(const QString& id) const;
    QStringList readerIds() const;

    struct Detection
    {
        const FormatReader* reader = nullptr;
        int confidence = 0;
        QString error; // when nothing recognises the file
    };
    Detection detect(const QString& path) const;

    const std::vector<std::unique_ptr<ExportFormat>>& exportFormats() const { return m_exports; }
    const ExportFormat* exportFormat(const QString& id) const;
    QStringList exportFormatIds() const;

private:
    FormatRegistry();

    std::vector<std::unique_ptr<FormatReader>> m_readers;
    std::vector<std::unique_ptr<ExportFormat>> m_exports;
};

} // namespace eventscope::importers

#pragma once

#include "csvfieldtyping.h"
#include "csvparser.h"
#include "reader.h"
#include "json/jsonrecordmapper.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace eventscope::importers {

// One CSV read between the parser and the sink: takes the first record as the header, checks each
// row's field count, turns the row into a typed JSON object and lets the JSON record mapper make
// the envelope, so that --map and the presets work on CSV exactly as on JSON.
class CsvImport final : public CsvParser::Handler
{
public:
    CsvImport(const QString& path, const ReadOptions& options, EventSink& sink);

    bool record(const CsvRecord& record) override;
    bool malformed(const CsvIssue& issue) override;

    bool sawHeader() const { return !m_columns.isEmpty(); }
    // What the read comes to; Completed unless the parse was stopped by a sink or a fatal error.
    ReadResult result() const { return m_end.value_or(ReadResult::completed()); }

private:
    bool takeHeader(const CsvRecord& record);
    bool takeRow(const CsvRecord& record);
    bool fail(const RecordPlace& place, const QString& reason);
    bool stop();

    QString m_path;
    EventSink& m_sink;
    JsonRecordMapper m_mapper;
    CsvFieldTyping m_typing;
    QStringList m_columns;
    std::vector<std::string> m_keys; // each column name as a JSON string and a colon, escaped once
    std::string m_json;              // the row being mapped; reused so that memory stays flat
    bool m_noted = false;
    std::optional<ReadResult> m_end;
};

} // namespace eventscope::importers

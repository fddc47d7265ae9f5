#include "csvimport.h"

#include <utility>

namespace eventscope::importers {

namespace {

QString fieldCount(qsizetype count)
{
    return count == 1 ? QStringLiteral("1 field") : QStringLiteral("%1 fields").arg(count);
}

} // namespace

CsvImport::CsvImport(const QString& path, const ReadOptions& options, EventSink& sink)
    : m_path(path), m_sink(sink), m_mapper(options)
{}

bool CsvImport::record(const CsvRecord& record)
{
    return sawHeader() ? takeRow(record) : takeHeader(record);
}

bool CsvImport::malformed(const CsvIssue& issue)
{
    const RecordPlace place = RecordPlace::text(issue.line, issue.column);
    if (!sawHeader())
        return fail(place, QStringLiteral("cannot read the header row: ") + issue.reason);
    QString reason = issue.reason;
    if (issue.field < m_columns.size())
        reason += QStringLiteral(" (column \"%1\")").arg(m_columns.at(issue.field));
    return m_sink.rejected({place, reason}) || stop();
}

bool CsvImport::takeHeader(const CsvRecord& record)
{
    const RecordPlace place = RecordPlace::text(record.line());
    QStringList columns;
    for (qsizetype i = 0; i < record.size(); ++i) {
        const std::string_view field = record.field(i);
        // Hand-written headers often have a space after each comma; names never mean it.
        QString name = QString::fromUtf8(field.data(), qsizetype(field.size())).trimmed();
        if (name.isEmpty()) {
            name = QStringLiteral("column%1").arg(i + 1);
            m_sink.warning(
                {place,
                 QStringLiteral("header column %1 has no name; it is called \"%2\"").arg(i + 1).arg(name)});
        }
        const qsizetype earlier = columns.indexOf(name);
        if (earlier >= 0)
            return fail(place, QStringLiteral("the header names columns %1 and %2 both \"%3\"")
                                   .arg(earlier + 1)
                                   .arg(i + 1)
                                   .arg(name));
        columns.append(name);
    }
    m_keys.clear();
    for (const QString& name : std::as_const(columns)) {
        std::string key;
        CsvFieldTyping::appendString(key, name.toStdString());
        key += ':';
        m_keys.push_back(std::move(key));
    }
    m_columns = columns;
    return true;
}

bool CsvImport::takeRow(const CsvRecord& record)
{
    const RecordPlace place = RecordPlace::text(record.line());
    if (record.size() != m_columns.size()) {
        const QString reason =
            QStringLiteral("row has %1, header has %2").arg(fieldCount(record.size())).arg(m_columns.size());
        return m_sink.rejected({place, reason}) || stop();
    }

    m_json.clear();
    m_json += '{';
    for (qsizetype i = 0; i < record.size(); ++i) {
        if (i > 0)
            m_json += ',';
        m_json += m_keys[size_t(i)];
        m_typing.appendValue(m_json, record.field(i), record.quoted(i));
    }
    m_json += '}';

    JsonRecordMapper::Outcome outcome = m_mapper.map(m_json);
    if (outcome.fatal)
        return fail(place, outcome.error);
    if (!m_noted) {
        m_noted = true;
        m_sink.note(m_mapper.mappingNote());
    }
    for (const QString& warning : std::as_const(outcome.warnings))
        m_sink.warning({place, warning});
    if (outcome.event)
        return m_sink.event(std::move(*outcome.event), place) || stop();
    return m_sink.rejected({place, outcome.error}) || stop();
}

bool CsvImport::fail(const RecordPlace& place, const QString& reason)
{
    m_end = ReadResult::failed(place.describe(m_path) + QStringLiteral(": ") + reason);
    return false;
}

bool CsvImport::stop()
{
    m_end = ReadResult::stopped();
    return false;
}

} // namespace eventscope::importers

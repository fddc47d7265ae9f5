#pragma once

#include "sqlitelayout.h"
#include "timeformat.h"

#include <QMap>

namespace eventscope::importers::live {

// Columns of an event table, from a source URL's table=, position=, stream=, type=, time=,
// data=, metadata=, id=, version= and time_unit=.
struct TableMapping
{
    QString table;
    QString position = QStringLiteral("rowid"); // an ascending integer column
    QString stream;
    QString type;
    QString time;     // RFC 3339 text, or epoch numbers (unit by magnitude unless timeUnit says)
    QString data;     // JSON text; optional
    QString metadata; // a JSON object; optional
    QString id;       // optional: derived from the file, table and position when absent
    QString version;  // stream version; optional
    EpochUnit timeUnit = EpochUnit::Auto;

    static TableMapping fromParameters(const QMap<QString, QString>& parameters);
};

// Any table through a mapping. A row is bad (and named by its position) when its stream or type
// is empty, its time is not a time, or its data or metadata is not JSON.
class MappedTableLayout : public SqliteLayout
{
public:
    explicit MappedTableLayout(TableMapping mapping, QString fileName);

    QString name() const override { return QStringLiteral("table"); }
    void check(sqlite::Database& db) override;
    std::string selectSql() const override;
    std::string headSql() const override;
    QString placeName() const override { return m_mapping.position; }
    void convert(const sqlite::Statement& row, Row& out) override;

private:
    std::string column(const QString& name) const;

    TableMapping m_mapping;
    QString m_idPrefix;
};

} // namespace eventscope::importers::live

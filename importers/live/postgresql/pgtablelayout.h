#pragma once

#include "pglayout.h"

#include <QMap>

namespace eventscope::importers::live {

// Any table through a mapping, as for SQLite files: table= ("name" in public or "schema.name"),
// position= (an integer column that grows with each insert: a bigserial or an identity), stream=,
// type=, time= (a timestamp, an epoch number with time_unit= or by magnitude, or RFC 3339
// text), and optionally data=, metadata= (json, jsonb or text holding JSON), id= (else
// "<db>/<table>:<position>") and version=. Column types are learnt at connect: the server turns
// timestamps into microseconds; text that should be JSON is checked row by row.
class PgTableLayout : public PgLayout
{
public:
    explicit PgTableLayout(const SourceUrl& url);

    QString name() const override { return QStringLiteral("table"); }
    std::string table() const override { return qualifiedPgName(m_table); }
    QString tableName() const override { return m_table; }
    void check(PgConnection& db) override;
    std::string positionColumn() const override
    {
        return quotePgIdentifier(m_columns.value(QStringLiteral("position")));
    }
    std::string rowsSql(bool withCategory) const override;
    std::string selectSql() const override;
    std::string streamExpr() const override { return column(QStringLiteral("stream"), "::text"); }
    std::string typeExpr() const override { return column(QStringLiteral("type"), "::text"); }
    std::string timeMicrosExpr() const override;
    std::string streamOrderExpr() const override;
    std::string versionExpr() const override { return column(QStringLiteral("version"), "::bigint"); }
    std::string idCondition(const QString& id, std::vector<QByteArray>& parameters) const override;
    TimeKind timeKind() const override { return m_timeKind; }
    QString timeUnit() const override { return m_timeUnit; }
    bool checkJson() const override { return m_checkJson; }
    QString columnName(int column) const override;
    QString idPrefix() const override { return m_idPrefix; }

private:
    std::string column(const QString& role, const char* cast) const;

    QString m_table;
    QMap<QString, QString> m_columns; // by role: position, stream, type, time, data, ...
    QString m_timeUnit;
    QString m_idPrefix;
    TimeKind m_timeKind = TimeKind::Micros;
    bool m_checkJson = false;
};

} // namespace eventscope::importers::live

#pragma once

#include "pglayout.h"

namespace eventscope::importers::live {

// Marten's event store: mt_events read by seq_id (a sequence: it has gaps, from rolled-back
// appends, and numbers commit out of order like any sequence), with mt_streams for the
// aggregate type. Mapped as: stream = "<mt_streams.type>-<stream_id>" (the stream id alone when
// the stream has no aggregate type), so the category is the aggregate type; version = version
// (1-based); type; time = timestamp; data; id; causation_id and correlation_id when Marten keeps
// them; metadata = {tenant_id, dotnet_type, is_archived, headers}, leaving out what is NULL.
// A category is filtered on the server (mt_streams.type).
class MartenLayout : public PgLayout
{
public:
    explicit MartenLayout(QString schema);

    QString name() const override { return QStringLiteral("marten"); }
    std::string table() const override;
    QString tableName() const override { return m_schema + QStringLiteral(".mt_events"); }
    void check(PgConnection& db) override;
    std::string positionColumn() const override { return "seq_id"; }
    std::string rowsSql(bool withCategory) const override;
    std::string selectSql() const override;
    std::string fromSql() const override;
    std::string positionExpr() const override { return "e.seq_id"; }
    std::string streamExpr() const override;
    std::string typeExpr() const override { return "e.type::text"; }
    std::string timeMicrosExpr() const override
    {
        return "(extract(epoch FROM e.timestamp) * 1000000)::bigint";
    }
    std::string streamCondition(const QString& stream, std::vector<QByteArray>& parameters) const override;
    std::string streamOrderExpr() const override { return "e.version"; }
    std::string versionExpr() const override { return "e.version"; }
    std::string correlationExpr() const override { return m_correlation ? "e.correlation_id" : "NULL"; }
    std::string idCondition(const QString& id, std::vector<QByteArray>& parameters) const override;
    QString columnName(int column) const override;

private:
    QString m_schema;
    bool m_archived = false;
    bool m_headers = false;
    bool m_causation = false;
    bool m_correlation = false;
    bool m_streamTenant = false;
    bool m_uuidStreams = true; // stream_id is a uuid (StreamIdentity.AsGuid), else text
};

} // namespace eventscope::importers::live

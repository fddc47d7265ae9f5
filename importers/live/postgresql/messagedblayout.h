#pragma once

#include "pglayout.h"

namespace eventscope::importers::live {

// Message DB: message_store.messages read by global_position. Mapped as: stream = stream_name,
// version = position (0-based, as Message DB counts), type, time (UTC), data, metadata, id. A
// category is filtered on the server with Message DB's own category() (what its
// get_category_messages does, over its category index).
class MessageDbLayout : public PgLayout
{
public:
    QString name() const override { return QStringLiteral("messagedb"); }
    std::string table() const override { return "message_store.messages"; }
    QString tableName() const override { return QStringLiteral("message_store.messages"); }
    void check(PgConnection& db) override;
    std::string positionColumn() const override { return "global_position"; }
    std::string rowsSql(bool withCategory) const override;
    std::string selectSql() const override;
    std::string streamExpr() const override { return "stream_name"; }
    std::string typeExpr() const override { return "type"; }
    std::string timeMicrosExpr() const override { return "(extract(epoch FROM time) * 1000000)::bigint"; }
    // Qualified: a bare "position" in ORDER BY would be the output column position::text.
    std::string streamOrderExpr() const override { return "messages.position"; }
    std::string versionExpr() const override { return "position"; }
    std::string idCondition(const QString& id, std::vector<QByteArray>& parameters) const override;
    QString columnName(int column) const override;

private:
    bool m_categoryFunction = true;
};

} // namespace eventscope::importers::live

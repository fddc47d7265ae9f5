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
    QString columnName(int column) const override;

private:
    bool m_categoryFunction = true;
};

} // namespace eventscope::importers::live

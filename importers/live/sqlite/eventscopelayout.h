#pragma once

#include "sqlitelayout.h"

namespace eventscope::importers::live {

// Another Eventscope workspace: its events in position order, every envelope field kept
// (ids included, so following a workspace into one that already holds some of its events adds
// only the others).
class EventscopeLayout : public SqliteLayout
{
public:
    QString name() const override { return QStringLiteral("eventscope"); }
    void check(sqlite::Database& db) override;
    std::string selectSql() const override;
    std::string headSql() const override;
    QString placeName() const override { return QStringLiteral("position"); }
    void convert(const sqlite::Statement& row, Row& out) override;
};

} // namespace eventscope::importers::live

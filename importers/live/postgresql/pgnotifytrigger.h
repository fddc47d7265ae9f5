#pragma once

#include <QByteArray>
#include <QString>

namespace eventscope::importers::live {

class PgConnection;
class PgLayout;

// The trigger that lets a follow wake when events are appended instead of polling: after each
// INSERT statement on the events table it sends NOTIFY eventscope_append with the table's name.
// PostgreSQL delivers a notification when its transaction commits, so the rows are visible by
// then. Eventscope never installs it by itself: `follow --show-trigger-sql` prints this SQL,
// `--install-trigger` runs it. Dropping it: DROP TRIGGER eventscope_notify_append ON <table>;
// DROP FUNCTION <schema>.eventscope_notify_append().
struct PgNotifyTrigger
{
    static constexpr const char* channel = "eventscope_append";
    static constexpr const char* name = "eventscope_notify_append";

    // The SQL, exactly as installed: one transaction.
    static QByteArray sql(const PgLayout& layout);
    // Whether the layout's table has the trigger.
    static bool installed(PgConnection& db, const PgLayout& layout);
    static void install(PgConnection& db, const PgLayout& layout);
};

} // namespace eventscope::importers::live

#include "pgnotifytrigger.h"

#include "pgconnection.h"
#include "pglayout.h"

namespace eventscope::importers::live {
namespace {

// The schema the table is in, quoted: the function goes beside it.
std::string schemaOf(const PgLayout& layout)
{
    const QString table = layout.tableName();
    const qsizetype dot = table.indexOf(QLatin1Char('.'));
    return quotePgIdentifier(dot < 0 ? QStringLiteral("public") : table.left(dot));
}

} // namespace

QByteArray PgNotifyTrigger::sql(const PgLayout& layout)
{
    const std::string function = schemaOf(layout) + '.' + name + "()";
    const std::string table = layout.table();
    // A statement-level trigger: one notification per INSERT statement however many rows it adds,
    // and PostgreSQL folds equal notifications of one transaction into one.
    const std::string text = "BEGIN;\n"
                             "CREATE OR REPLACE FUNCTION " +
                             function +
                             " RETURNS trigger LANGUAGE plpgsql AS $$\n"
                             "BEGIN\n"
                             "    PERFORM pg_notify('" +
                             channel +
                             "', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);\n"
                             "    RETURN NULL;\n"
                             "END $$;\n"
                             "DROP TRIGGER IF EXISTS " +
                             name + " ON " + table +
                             ";\n"
                             "CREATE TRIGGER " +
                             name + " AFTER INSERT ON " + table + " FOR EACH STATEMENT EXECUTE FUNCTION " +
                             function +
                             ";\n"
                             "COMMIT;\n";
    return QByteArray::fromStdString(text);
}

bool PgNotifyTrigger::installed(PgConnection& db, const PgLayout& layout)
{
    const PgResult found = db.exec("SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass($1) AND "
                                   "tgname = $2 AND tgenabled <> 'D'",
                                   {QByteArray::fromStdString(layout.table()), QByteArray(name)});
    return found.int64(0, 0) > 0;
}

void PgNotifyTrigger::install(PgConnection& db, const PgLayout& layout)
{
    try {
        db.execScript(sql(layout));
    } catch (...) {
        try {
            db.execScript("ROLLBACK");
        } catch (...) {
            // The connection is gone: nothing was committed.
        }
        throw;
    }
}

} // namespace eventscope::importers::live

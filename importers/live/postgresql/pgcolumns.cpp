#include "pgcolumns.h"

#include "pgconnection.h"

namespace eventscope::importers::live {

QMap<QString, QString> pgColumns(PgConnection& db, const QString& table)
{
    const qsizetype dot = table.indexOf(QLatin1Char('.'));
    const QString schema = dot < 0 ? QStringLiteral("public") : table.left(dot);
    const QString name = dot < 0 ? table : table.mid(dot + 1);
    const PgResult rows = db.exec("SELECT column_name, data_type FROM information_schema.columns "
                                  "WHERE table_schema = $1 AND table_name = $2",
                                  {schema.toUtf8(), name.toUtf8()});
    QMap<QString, QString> columns;
    for (int i = 0; i < rows.rows(); ++i)
        columns.insert(rows.text(i, 0), rows.text(i, 1));
    return columns;
}

} // namespace eventscope::importers::live

#pragma once

#include <QMap>
#include <QString>

namespace eventscope::importers::live {

class PgConnection;

// The columns of a table and their types (information_schema's data_type: "bigint", "jsonb",
// "timestamp with time zone", ...), by name; empty when there is no such table.
// `table` is "name" (schema public) or "schema.name".
QMap<QString, QString> pgColumns(PgConnection& db, const QString& table);

} // namespace eventscope::importers::live

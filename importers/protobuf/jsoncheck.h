#pragma once

#include <QByteArrayView>

namespace eventscope::importers::protobuf {

// Whether text is one valid JSON document (a JSON object), so that text fields of protobuf
// records are only ever stored as data or metadata when SQLite's JSON functions can read them.
// Uses a per-thread simdjson parser: readers run on worker threads.
bool isJsonText(QByteArrayView text);
bool isJsonObjectText(QByteArrayView text);

} // namespace eventscope::importers::protobuf

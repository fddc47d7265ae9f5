#pragma once

#include <QByteArrayView>
#include <QString>

namespace eventscope::importers {

// The delimiter of a file: a tab for .tsv files, or when the first line has tabs and no commas;
// a comma otherwise.
char sniffCsvDelimiter(QByteArrayView head, const QString& fileName);

// Confidence 0..100 that a file is CSV, from its first bytes (a header row of names followed by
// rows with as many fields) and its extension. JSON never qualifies, whatever its commas.
int csvConfidence(QByteArrayView head, const QString& fileName);

} // namespace eventscope::importers

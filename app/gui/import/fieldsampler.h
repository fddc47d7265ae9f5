#pragma once

#include "reader.h"

#include <QString>
#include <QStringList>

namespace eventscope::gui {

// The field names of a file's first records, for the import dialog's mapping editor: what a
// reader that maps records (CSV, JSON Lines, JSON arrays, delimited protobuf messages) would
// offer to --map. Reads only the head of the file, whatever its size.
struct FieldSample
{
    // The first record's top-level names, in the order written: what preset detection looks at.
    QStringList firstRecordFields;
    // Every top-level name of the sampled records in order of first appearance, followed by the
    // members of object-valued fields as dotted paths ("data.total"), which a mapping also takes.
    QStringList fields;
    QStringList topLevelFields; // fields without the dotted paths
    QString error; // why nothing could be sampled (the file does not open, the first record is broken)
};

class FieldSampler
{
public:
    static constexpr int maxRecords = 50;
    static constexpr qint64 maxBytes = 4 * 1024 * 1024;

    // Whether the reader with this id maps records through a field mapping.
    static bool usesMapping(const QString& readerId);
    // readerId: one for which usesMapping() is true.
    static FieldSample sample(const QString& path, const QString& readerId,
                              const importers::ReadOptions& options);
};

} // namespace eventscope::gui

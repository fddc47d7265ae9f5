#pragma once

#include "json/jsondiff.h"

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QString>

namespace eventscope::gui::changestyle {

// Colours for what the last step did to a row, derived from the palette rather than fixed, so
// they read the same in light and dark themes: the base colour tinted toward green (added),
// amber (changed) or red (removed), enough to be seen and not enough to shout.
QColor background(json::DiffEntry::Kind kind, const QPalette& palette);

// Text of rows that are not there any more (removed ghosts, absent watches): the palette's
// placeholder colour.
QColor ghostText(const QPalette& palette);

// A thin accent for rows that only contain changes below them.
QColor containsChangeText(const QPalette& palette);

// "added", "removed", "changed".
QString kindName(json::DiffEntry::Kind kind);

// The font shared by values in every inspector view: the system's fixed-width font at the size of
// the interface font, so that monospace values do not look larger or smaller than the keys.
QFont monospaceFont();

} // namespace eventscope::gui::changestyle

#pragma once

#include "importjob.h"

#include <QString>

namespace eventscope::gui {

// One line for the status bar: "Imported 1,204 events · 3 rejected · 2 duplicates", "Import
// cancelled: the workspace is unchanged", "Import failed: …".
QString importSummaryText(const importers::ImportReport& report);

// Everything the report says, for the details popup: the outcome, each file with its format,
// counts and notes, then the first problems as file:line:column: reason.
QString importDetailsText(const importers::ImportReport& report);

// "12.5 MB of 40.0 MB"
QString progressBytesText(qint64 done, qint64 total);
// "35,120 events/s · 4 s left", "about 2 min left"; without the rate part when it is 0.
QString progressRateText(double eventsPerSecond, double secondsLeft);

} // namespace eventscope::gui

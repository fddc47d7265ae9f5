#pragma once

#include <QString>

namespace eventscope::gui {

// Something worth finding again on the timeline, at one event.
struct TimelineMarker
{
    enum class Kind
    {
        Bookmark,   // set by the user
        Violation,  // an invariant broke at this event
        Breakpoint, // a replay breakpoint
        Draft       // a what-if event not (yet) in the log
    };

    qint64 position = 0;
    QString label;
    Kind kind = Kind::Bookmark;

    bool operator==(const TimelineMarker&) const = default;
};

} // namespace eventscope::gui

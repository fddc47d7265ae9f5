#pragma once

#include <QIcon>

namespace eventscope::gui {

// The application icon, drawn rather than loaded (no SVG plugin needed): the timeline's density
// bars under a playhead, as resources/desktop/eventscope.svg draws it for the desktop.
QIcon appIcon();

} // namespace eventscope::gui

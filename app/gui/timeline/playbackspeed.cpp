#include "playbackspeed.h"

#include <QCoreApplication>
#include <QLocale>

namespace eventscope::gui {

QString PlaybackSpeed::label() const
{
    const QLocale locale;
    if (mode == Mode::EventsPerSecond) {
        return rate == 1 ? QCoreApplication::translate("eventscope::gui::PlaybackSpeed", "1 event/s")
                         : QCoreApplication::translate("eventscope::gui::PlaybackSpeed", "%1 events/s")
                               .arg(locale.toString(rate, 'f', 0));
    }
    return QCoreApplication::translate("eventscope::gui::PlaybackSpeed", "Real time \u00d7%1")
        .arg(locale.toString(rate, 'g', 6));
}

const std::vector<PlaybackSpeed>& playbackSpeeds()
{
    using Mode = PlaybackSpeed::Mode;
    static const std::vector<PlaybackSpeed> speeds = {
        {Mode::EventsPerSecond, 1},    {Mode::EventsPerSecond, 10},    {Mode::EventsPerSecond, 100},
        {Mode::EventsPerSecond, 1000}, {Mode::EventsPerSecond, 10000}, {Mode::RealTime, 0.1},
        {Mode::RealTime, 1},           {Mode::RealTime, 10},           {Mode::RealTime, 100},
        {Mode::RealTime, 1000},
    };
    return speeds;
}

} // namespace eventscope::gui

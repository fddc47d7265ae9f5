#pragma once

#include <QString>

#include <vector>

namespace eventscope::gui {

// How fast playback moves the playhead: a number of events per second (even through quiet
// hours), or the recorded time itself sped up or slowed down (gaps take their time).
struct PlaybackSpeed
{
    enum class Mode
    {
        EventsPerSecond,
        RealTime
    };

    Mode mode = Mode::EventsPerSecond;
    double rate = 100; // events a second, or the factor on recorded time

    // "100 events/s", "Real time ×10"
    QString label() const;
    bool operator==(const PlaybackSpeed&) const = default;
};

// The ladder the transport bar offers: 1, 10, 100, 1,000, 10,000 events/s, then real time
// ×0.1, ×1, ×10, ×100, ×1,000.
const std::vector<PlaybackSpeed>& playbackSpeeds();
// 100 events/s: slow enough to follow, fast enough to get somewhere.
constexpr int defaultPlaybackSpeedIndex = 2;

} // namespace eventscope::gui

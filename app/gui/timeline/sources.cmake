# The timeline: density histogram, time axis, playhead, zoom and pan, range selection.
target_sources(eventscope_gui PRIVATE
    timeline/densitycache.h timeline/densitycache.cpp
    timeline/playbackspeed.h timeline/playbackspeed.cpp
    timeline/playhead.h timeline/playhead.cpp
    timeline/timelinecolors.h timeline/timelinecolors.cpp
    timeline/timelinemarker.h
    timeline/timelinepanel.h timeline/timelinepanel.cpp
    timeline/timelinepainting.cpp
    timeline/timelinescale.h timeline/timelinescale.cpp
    timeline/timelinewidget.h timeline/timelinewidget.cpp
    timeline/timeticks.h timeline/timeticks.cpp
    timeline/transportbar.h timeline/transportbar.cpp
)

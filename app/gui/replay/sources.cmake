# Replay in the window: the controller that keeps the state inspector at the playhead, and the
# catalogue of projection, invariant and upcaster scripts.
target_sources(eventscope_gui PRIVATE
    replay/projectionchooser.h replay/projectionchooser.cpp
    replay/replaycontroller.h replay/replaycontroller.cpp
    replay/scriptcatalog.h replay/scriptcatalog.cpp
)
target_compile_definitions(eventscope_gui PRIVATE EVENTSCOPE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

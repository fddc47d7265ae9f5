# The replay engine: projections, snapshots, time travel, checks.
target_sources(eventscope_model PRIVATE
    replay/projection.h replay/projection.cpp
    replay/check.h
    replay/upcaster.h
    replay/builtinprojection.h replay/builtinprojection.cpp
    replay/snapshotcache.h replay/snapshotcache.cpp
    replay/replayengine.h replay/replayengine.cpp
    replay/persistedsnapshots.h replay/persistedsnapshots.cpp
)
target_sources(eventscope_model PRIVATE
    replay/replaysetup.h replay/replaysetup.cpp
    replay/upcasterchain.h replay/upcasterchain.cpp
    replay/stateexpression.h replay/stateexpression.cpp
    replay/replayservice.h replay/replayservice.cpp
)

# Invariants & breakpoints: their status after a scan, and run to the next violation.
target_sources(eventscope_gui PRIVATE
    checks/checksmodel.h checks/checksmodel.cpp
    checks/checkspanel.h checks/checkspanel.cpp
)

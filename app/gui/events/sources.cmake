# The events dock: the filter bar over the events table (eventtablemodel/eventtableview beside
# app/gui), the filter history, and the pane that runs filters off the GUI thread.
target_sources(eventscope_gui PRIVATE
    events/eventspane.h events/eventspane.cpp
    events/filterbar.h events/filterbar.cpp
    events/filterhistory.h events/filterhistory.cpp
    events/filterlineedit.h events/filterlineedit.cpp
)

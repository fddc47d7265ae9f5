# The streams view: every stream with its counts, searchable and sortable, and the selected
# stream's type breakdown.
target_sources(eventscope_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/sharebardelegate.h ${CMAKE_CURRENT_LIST_DIR}/sharebardelegate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/streamsmodel.h ${CMAKE_CURRENT_LIST_DIR}/streamsmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/streamspanel.h ${CMAKE_CURRENT_LIST_DIR}/streamspanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/typebreakdownmodel.h ${CMAKE_CURRENT_LIST_DIR}/typebreakdownmodel.cpp
)

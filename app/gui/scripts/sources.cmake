# The Scripts dock: projections, invariants and upcasters edited in the window and kept in the
# workspace.
target_sources(eventscope_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/codeeditor.h ${CMAKE_CURRENT_LIST_DIR}/codeeditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/javascripthighlighter.h ${CMAKE_CURRENT_LIST_DIR}/javascripthighlighter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/scriptsmodel.h ${CMAKE_CURRENT_LIST_DIR}/scriptsmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/scriptspanel.h ${CMAKE_CURRENT_LIST_DIR}/scriptspanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/scripttemplates.h ${CMAKE_CURRENT_LIST_DIR}/scripttemplates.cpp
)

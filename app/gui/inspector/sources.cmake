# The state inspector: the projection state at the playhead as a tree, changes, pins, A/B diff.
target_sources(eventscope_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/changeindex.h ${CMAKE_CURRENT_LIST_DIR}/changeindex.cpp
    ${CMAKE_CURRENT_LIST_DIR}/changestyle.h ${CMAKE_CURRENT_LIST_DIR}/changestyle.cpp
    ${CMAKE_CURRENT_LIST_DIR}/inspectortreeview.h ${CMAKE_CURRENT_LIST_DIR}/inspectortreeview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsondisplay.h ${CMAKE_CURRENT_LIST_DIR}/jsondisplay.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsonsearch.h ${CMAKE_CURRENT_LIST_DIR}/jsonsearch.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsontreemodel.h ${CMAKE_CURRENT_LIST_DIR}/jsontreemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsontreenode.h ${CMAKE_CURRENT_LIST_DIR}/jsontreenode.cpp
    ${CMAKE_CURRENT_LIST_DIR}/statediffmodel.h ${CMAKE_CURRENT_LIST_DIR}/statediffmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/statediffpage.h ${CMAKE_CURRENT_LIST_DIR}/statediffpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/stateinspector.h ${CMAKE_CURRENT_LIST_DIR}/stateinspector.cpp
    ${CMAKE_CURRENT_LIST_DIR}/watchlistmodel.h ${CMAKE_CURRENT_LIST_DIR}/watchlistmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/watchpanel.h ${CMAKE_CURRENT_LIST_DIR}/watchpanel.cpp
)

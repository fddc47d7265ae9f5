# The read model: a map-shaped part of the projection state as a sortable, filterable table.
target_sources(eventscope_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/mapcandidates.h ${CMAKE_CURRENT_LIST_DIR}/mapcandidates.cpp
    ${CMAKE_CURRENT_LIST_DIR}/readmodelfilter.h ${CMAKE_CURRENT_LIST_DIR}/readmodelfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/readmodelmodel.h ${CMAKE_CURRENT_LIST_DIR}/readmodelmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/readmodelproxy.h ${CMAKE_CURRENT_LIST_DIR}/readmodelproxy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/readmodelview.h ${CMAKE_CURRENT_LIST_DIR}/readmodelview.cpp
)

# The event detail view: envelope, links (cause, correlated events), payload as coloured JSON, raw
# bytes, the upcasted payload.
target_sources(eventscope_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/correlationmodel.h ${CMAKE_CURRENT_LIST_DIR}/correlationmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/eventdetailview.h ${CMAKE_CURRENT_LIST_DIR}/eventdetailview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hexdump.h ${CMAKE_CURRENT_LIST_DIR}/hexdump.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsonhighlighter.h ${CMAKE_CURRENT_LIST_DIR}/jsonhighlighter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsontextview.h ${CMAKE_CURRENT_LIST_DIR}/jsontextview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/upcastpage.h ${CMAKE_CURRENT_LIST_DIR}/upcastpage.cpp
)

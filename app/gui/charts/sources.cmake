# The Charts panel: state expressions over time (Qt Charts), reduced before drawing, with the playhead.
target_sources(eventscope_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/chartcolors.h ${CMAKE_CURRENT_LIST_DIR}/chartcolors.cpp
    ${CMAKE_CURRENT_LIST_DIR}/chartspanel.h ${CMAKE_CURRENT_LIST_DIR}/chartspanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downsample.h ${CMAKE_CURRENT_LIST_DIR}/downsample.cpp
    ${CMAKE_CURRENT_LIST_DIR}/serieschartview.h ${CMAKE_CURRENT_LIST_DIR}/serieschartview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/serieslist.h ${CMAKE_CURRENT_LIST_DIR}/serieslist.cpp
    ${CMAKE_CURRENT_LIST_DIR}/seriesplot.h ${CMAKE_CURRENT_LIST_DIR}/seriesplot.cpp
)
target_link_libraries(eventscope_gui PUBLIC Qt6::Charts)

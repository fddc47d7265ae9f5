# The filter language of the filter bar: parsed and type-checked once, then evaluated in memory
# or run as SQL over a workspace, on a worker thread for the GUI.
target_sources(eventscope_model PRIVATE
    filter/filter.h filter/filter.cpp
    filter/filterast.h
    filter/filterfailure.h
    filter/filterfields.h filter/filterfields.cpp
    filter/filterlexer.h filter/filterlexer.cpp
    filter/filterparser.h filter/filterparser.cpp
    filter/filterevaluator.h filter/filterevaluator.cpp
    filter/filtersql.h filter/filtersql.cpp
    filter/filtersqlfunctions.cpp
    filter/filterservice.h filter/filterservice.cpp
    filter/memorystorefilter.cpp
    filter/workspacestorefilter.cpp
)

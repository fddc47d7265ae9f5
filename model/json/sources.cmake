# JSON values with copy-on-write sharing, paths, diff.
target_sources(eventscope_model PRIVATE
    json/jsonvalue.h json/jsonvalue.cpp
    json/jsonpath.h json/jsonpath.cpp
    json/jsondiff.h json/jsondiff.cpp
)

# JSON values with copy-on-write sharing, paths, diff.
target_sources(eventscope_model PRIVATE
    json/jsonvalue.h json/jsonvaluedetail.h json/jsonvalue.cpp json/jsonobject.cpp
    json/jsondom.h json/jsonparse.cpp json/jsontextparser.cpp
    json/jsonwrite.cpp json/jsonmerge.cpp json/jsonmemory.cpp
    json/jsonpath.h json/jsonpath.cpp
    json/jsondiff.h json/jsondiff.cpp
)

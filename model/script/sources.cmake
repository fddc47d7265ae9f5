# JavaScript projections, checks and upcasters in QJSEngine.
target_sources(eventscope_model PRIVATE
    script/scriptprogram.h script/scriptprogram.cpp
    script/scripthost.h
    script/scriptsource.h script/scriptsource.cpp
    script/scriptsyntax.h script/scriptsyntax.cpp
    script/scriptwatchdog.h script/scriptwatchdog.cpp
    script/eventbatch.h script/eventbatch.cpp
    script/jsprojection.h script/jsprojection.cpp
    script/jscheck.h script/jscheck.cpp
    script/jsupcaster.h script/jsupcaster.cpp
    script/jsvalueconvert.h script/jsvalueconvert.cpp
    script/prelude.js script/envelope.js script/runtime.js # compiled in, below
)

# The JavaScript every engine starts with is edited as script/prelude.js, envelope.js and runtime.js
# and compiled in as raw string literals: generated script/<name>.inc files, rewritten (and
# scriptprogram.cpp rebuilt) only when the .js changes.
foreach(eventscope_js prelude.js envelope.js runtime.js)
    set(eventscope_js_path ${CMAKE_CURRENT_SOURCE_DIR}/script/${eventscope_js})
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${eventscope_js_path})
    file(READ ${eventscope_js_path} eventscope_js_text)
    file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/generated/script/${eventscope_js}.inc
         CONTENT "R\"eventscope_js(\${eventscope_js_text})eventscope_js\"\n")
endforeach()
target_include_directories(eventscope_model PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated)

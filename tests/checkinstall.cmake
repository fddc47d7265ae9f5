# Installs the build into a scratch prefix and checks that a desktop finds what it needs there:
# both executables, the launcher entry, the icon and the example scripts the GUI lists.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE result OUTPUT_QUIET)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${result}")
endif()
foreach(file bin/eventscope-cli share/eventscope/projections/stock-per-sku.js
             share/eventscope/projections/sample-invariants.js ${GUI_FILES})
    if(NOT EXISTS "${PREFIX}/${file}")
        message(FATAL_ERROR "not installed: ${file}")
    endif()
endforeach()
file(REMOVE_RECURSE "${PREFIX}")

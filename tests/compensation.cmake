# Compensating events: drafts, rules, reversal, what-if, export and append (the model and the CLI).
eventscope_add_test(tst_compensation)
eventscope_add_test(tst_clicompensation)
add_dependencies(tst_clicompensation eventscope-cli eventscope-generate)
if(EVENTSCOPE_BUILD_GUI)
    eventscope_add_test(tst_compensationpanel)
    target_link_libraries(tst_compensationpanel PRIVATE eventscope_gui)
endif()

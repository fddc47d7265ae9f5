# Live stores: source URLs, the SQLite source and its layouts, the follower, `eventscope-cli follow`
# end to end, the PostgreSQL stores (Message DB, Marten, mapped tables, NOTIFY) and NATS JetStream.
eventscope_add_test(tst_livesourceurl)
eventscope_add_test(tst_livesqlite)
eventscope_add_test(tst_livefollow)
eventscope_add_test(tst_livecli)
add_dependencies(tst_livecli eventscope-cli)
eventscope_add_test(tst_livepostgres)
eventscope_add_test(tst_livepgstores)
add_dependencies(tst_livepgstores eventscope-cli)
# A workspace attached to a PostgreSQL store read in place, and `eventscope-cli attach`.
eventscope_add_test(tst_pgattach)
add_dependencies(tst_pgattach eventscope-cli)
eventscope_add_test(tst_livenats)
target_link_libraries(tst_livenats PRIVATE PkgConfig::LIBNATS)
# Compensation drafts appended to workspaces and PostgreSQL stores, and `eventscope-cli append`.
eventscope_add_test(tst_draftappend)
add_dependencies(tst_draftappend eventscope-cli)
if(EVENTSCOPE_BUILD_GUI)
    # The window following a live store (File ▸ Connect to Live Store).
    eventscope_add_test(tst_livewindow)
    target_link_libraries(tst_livewindow PRIVATE eventscope_gui)
    # The window attached to a PostgreSQL store read in place (File ▸ Attach to Store).
    eventscope_add_test(tst_attachwindow)
    target_link_libraries(tst_attachwindow PRIVATE eventscope_gui)
endif()

# Live stores: source URLs, the SQLite source and its layouts, the follower, and `eventscope-cli
# follow` end to end.
eventscope_add_test(tst_livesourceurl)
eventscope_add_test(tst_livesqlite)
eventscope_add_test(tst_livefollow)
eventscope_add_test(tst_livecli)
add_dependencies(tst_livecli eventscope-cli)
eventscope_add_test(tst_livepostgres)

# Live stores: source URLs, the SQLite source and its layouts, and the follower.
eventscope_add_test(tst_livesourceurl)
eventscope_add_test(tst_livesqlite)
eventscope_add_test(tst_livefollow)

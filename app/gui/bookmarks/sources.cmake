# Bookmarks: the workspace's marked places with notes, as a dock.
target_sources(eventscope_gui PRIVATE
    bookmarks/bookmarksmodel.h bookmarks/bookmarksmodel.cpp
    bookmarks/bookmarkspanel.h bookmarks/bookmarkspanel.cpp
)

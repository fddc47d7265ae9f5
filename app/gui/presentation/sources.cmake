# Presentation mode: a guided tour of the bookmarks, full screen, for an audience.
target_sources(eventscope_gui PRIVATE
    presentation/captionpage.h presentation/captionpage.cpp
    presentation/presentationmode.h presentation/presentationmode.cpp
)

# Following a live store from the window: the follow on a worker, the connect dialog, the status.
target_sources(eventscope_gui PRIVATE
    livestore/connectdialog.h livestore/connectdialog.cpp
    livestore/livefollowcontroller.h livestore/livefollowcontroller.cpp
    livestore/livestatuswidget.h livestore/livestatuswidget.cpp
)

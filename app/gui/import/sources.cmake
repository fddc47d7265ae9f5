# Import Files: the dialog with its preview, and imports running in the background.
target_sources(eventscope_gui PRIVATE
    import/fieldsampler.h import/fieldsampler.cpp
    import/importcontroller.h import/importcontroller.cpp
    import/importdetailsdialog.h import/importdetailsdialog.cpp
    import/importdialog.h import/importdialog.cpp
    import/importfilesmodel.h import/importfilesmodel.cpp
    import/importflow.h import/importflow.cpp
    import/importpreview.h import/importpreview.cpp
    import/importprogresswidget.h import/importprogresswidget.cpp
    import/importreporttext.h import/importreporttext.cpp
    import/mappingeditor.h import/mappingeditor.cpp
    import/noticelabel.h import/noticelabel.cpp
    import/previewpane.h import/previewpane.cpp
    import/previewrunner.h import/previewrunner.cpp
    import/previewtablemodel.h import/previewtablemodel.cpp
    import/protobufoptions.h import/protobufoptions.cpp
)

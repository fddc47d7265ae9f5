# Compensation: drafts of compensating events, their editor, the what-if preview, export and append.
target_sources(eventscope_gui PRIVATE
    compensation/appenddialog.h compensation/appenddialog.cpp
    compensation/compensationpanel.h compensation/compensationpanel.cpp
    compensation/compensationpaneloutput.cpp compensation/counted.h
    compensation/compensationservice.h compensation/compensationservice.cpp
    compensation/drafteditor.h compensation/drafteditor.cpp
    compensation/draftsmodel.h compensation/draftsmodel.cpp
    compensation/whatifview.h compensation/whatifview.cpp
)

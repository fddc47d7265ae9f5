# Compensating events: drafts and their audit trail, rules, the generic reversal, what-if branches,
# appending to a workspace with an expected version.
target_sources(eventscope_model PRIVATE
    compensation/draft.h compensation/draft.cpp
    compensation/drafts.h compensation/drafts.cpp
)
target_sources(eventscope_model PRIVATE
    compensation/appendconflict.h compensation/appendconflict.cpp
    compensation/workspaceappend.h compensation/workspaceappend.cpp
)
target_sources(eventscope_model PRIVATE
    compensation/compensationrules.h compensation/compensationrules.cpp
    compensation/reversal.h compensation/reversal.cpp
    compensation/drafter.h compensation/drafter.cpp
    compensation/invariantbreaks.h compensation/invariantbreaks.cpp
    compensation/branchstore.h compensation/branchstore.cpp
    compensation/whatif.h compensation/whatif.cpp
)
target_sources(eventscope_model PRIVATE
    compensation/draftjson.h compensation/draftjson.cpp
)

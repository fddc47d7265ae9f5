#pragma once

#include <QString>

namespace eventscope::gui {

// The three kinds of script a user writes, each as the starting point File-new gives: a working
// script to adapt, with comments saying what to change.
enum class ScriptKind
{
    Projection,
    Invariants,
    Upcaster,
    CompensationRules
};

struct ScriptTemplate
{
    QString title;    // "Projection", for the New menu
    QString fileName; // "projection.js", the name a new script is given (made unique by the caller)
    QString source;
};

ScriptTemplate scriptTemplate(ScriptKind kind);

} // namespace eventscope::gui

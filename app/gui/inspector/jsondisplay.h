#pragma once

#include "json/jsonpath.h"
#include "json/jsonvalue.h"

#include <QString>

namespace eventscope::gui::jsondisplay {

// One line for a cell: strings quoted and escaped as JSON, numbers as json::toJson writes them,
// objects "{n}" and arrays "[n]". Text past maxChars is cut with an ellipsis: the view elides to the
// column anyway, and the cut keeps a megabyte string from being laid out on every repaint.
QString summary(const json::Value& value, int maxChars = 400);

// "object", "array", "string", "number", "bool", "null".
QString typeName(const json::Value& value);

// Indented JSON for a tooltip or the clipboard preview, stopped after maxLines lines (with a last
// "…" line) so that hovering a 200,000-member object costs what the tooltip shows, not the object.
QString preview(const json::Value& value, int maxLines = 24, int maxLineChars = 160);

// A row's key: the member name as is, an array index as "[i]".
QString segmentText(const json::PathSegment& segment);

// A path as users type it (json::formatPath), with the root spelled out rather than empty.
QString pathText(const json::Path& path);

} // namespace eventscope::gui::jsondisplay

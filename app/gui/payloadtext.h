#pragma once

#include "event.h"

#include <QByteArrayView>
#include <QString>

namespace eventscope::gui {

// Text renderings of payloads for the views. They work on the JSON text itself rather than through
// QJsonDocument, which would sort object keys: the user should see fields in the order the producer
// wrote them. Invalid JSON is shown as well as it can be, never rejected.

// One line: whitespace between tokens dropped, ", " and ": " as separators, cut to maxChars with an
// ellipsis. Only as much of the input is scanned as the output needs.
QString summarizeJson(QByteArrayView json, int maxChars);

// Indented two spaces a level, cut after maxLines lines or maxChars characters with an ellipsis.
QString indentJson(QByteArrayView json, int maxLines, int maxChars);

// The table's payload column: the JSON summary, or "N bytes <content type>" for binary payloads
// (followed by the decoded view's summary when there is one).
QString payloadSummary(const Event& event, int maxChars = 120);

// Rich-text tooltip with the indented payload in a monospace font.
QString payloadToolTip(const Event& event);

} // namespace eventscope::gui

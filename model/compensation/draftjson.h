#pragma once

#include "draft.h"
#include "drafts.h"
#include "json/jsonvalue.h"

#include <QStringList>

namespace eventscope::compensation {

// A draft as the CLI prints it and the GUI shows it: every field, data and metadata as JSON.
json::Value draftToJson(const Draft& draft);
json::Value auditToJson(const DraftAuditEntry& entry);

// The part of a draft a person edits, as indented JSON text:
//   {"stream": ..., "type": ..., "data": {...}, "metadata": {...}, "reason": ...}
QByteArray editableDraftText(const Draft& draft);

// Where a problem in edited draft text is, for underlining it: 1-based line and column, 0 = the
// whole text.
struct DraftTextProblem
{
    QString message;
    int line = 0;
    int column = 0;
};

// Reads edited text back into `draft` (its other fields kept). Returns the problems (malformed
// JSON with its place, a missing type or stream, data that is not an object, fields the rule's
// other drafts of the same type have and this one lacks...); `draft` is changed only when there
// are none. `expectedFields`: the data fields a draft of this type is expected to have (empty:
// no expectation).
std::vector<DraftTextProblem> applyEditedDraftText(Draft& draft, const QByteArray& text,
                                                   const QStringList& expectedFields = {});

// The data fields every one of the drafts of `type` carries (but the one with id `exceptId`): what a
// hand-edited draft of that type is expected to keep.
QStringList expectedDataFields(const std::vector<Draft>& drafts, const QString& type, qint64 exceptId = 0);

} // namespace eventscope::compensation

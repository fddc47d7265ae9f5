#pragma once

#include "event.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace eventscope::compensation {

// Where a draft stands. Drafts never become anything else once exported or appended: the audit
// trail says where they went.
enum class DraftStatus
{
    Draft,
    Exported,
    Appended
};

QString statusName(DraftStatus status); // "draft", "exported", "appended"
std::optional<DraftStatus> statusFromName(const QString& name);

// A compensating event not yet in any store: what it will be (stream, type, data, metadata, its
// own id), why (the event it compensates, the reason, who drafted it and when) and the stream
// version it expects to follow. Event sourcing never rewrites history; a draft is the new event
// that corrects it.
struct Draft
{
    qint64 id = 0;   // the workspace's key for it; 0 = not stored
    QString eventId; // the id the event will carry when exported or appended (a uuid)
    QString stream;
    QString type;
    QByteArray data;          // JSON object text
    QByteArray extraMetadata; // JSON object text a rule or the user added; the envelope's own keys win
    QString causationId;      // the compensated event's id
    QString correlationId;    // kept from the compensated event
    QString reason;
    QString author;
    qint64 createdUs = 0;
    // The stream's last version when the draft was made (-1: the stream had no event): the append
    // checks the stream still ends there, so a concurrent write is a conflict, not a silent merge.
    qint64 expectedVersion = -1;
    QString origin;            // "rule RULES.js", "reversal", "manual"
    qint64 originPosition = 0; // the compensated event's position when drafted; 0 = none
    QString originType;        // and its type
    DraftStatus status = DraftStatus::Draft;
    QString conflict; // the last failed append's reason; empty when none

    bool operator==(const Draft&) const = default;

    // The metadata the event carries: extraMetadata plus causationId, correlationId, reason, author,
    // draftedAt and, when it compensates an event, compensates {id, type, position}.
    QByteArray metadata() const;
    // The event as it will be written, at `timeUs`, with stream version `streamVersion` (-1: let the
    // store assign it). Position 0: not stored.
    Event toEvent(qint64 timeUs, qint64 streamVersion = -1) const;
};

// Events for drafts that go out together, in their order: each stream's drafts take consecutive
// versions after the version the first of them expects; a stream with no event yet starts at
// `firstVersion` (1, as workspaces number streams; Message DB starts at 0). `timeUs` for all.
std::vector<Event> eventsForDrafts(const std::vector<Draft>& drafts, qint64 timeUs, qint64 firstVersion = 1);

// What is wrong with a draft before it can go anywhere, one message per problem; empty when none.
// A draft needs a stream, a type and data that is a JSON object (metadata too, when given).
QStringList draftProblems(const Draft& draft);

// A new event id for a draft (a random uuid without braces).
QString newDraftEventId();
// Who is drafting: $EVENTSCOPE_AUTHOR, else the login name, else "unknown".
QString defaultAuthor();

} // namespace eventscope::compensation

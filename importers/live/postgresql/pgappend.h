#pragma once

#include "compensation/draft.h"
#include "event.h"
#include "sourceurl.h"

#include <vector>

namespace eventscope::importers::live {

// Appending compensating events to a PostgreSQL store, with an expected version per stream, all
// or nothing: one transaction, each stream's version checked inside it while the stream is locked
// against other writers. Stream versions are the store's own, as a follow mirrors them into the
// workspace, so that a draft's expected version (the workspace's last version of its stream)
// compares with the store's directly:
//   - Message DB: `position`, 0-based; written through message_store.write_message(), which takes
//     the expected version itself and raises "Wrong expected version" when it does not hold;
//   - Marten: mt_events.version, 1-based; the stream row in mt_streams is locked (created first
//     when the stream is new), the events take numbers of mt_events_sequence, mt_streams.version
//     follows; a stream without events is "no event" (-1), its first event gets version 1;
//   - mapped tables (table=...): each stream serialised with pg_advisory_xact_lock(hashtext(stream)),
//     its version = max(version column); a table without a version column cannot be checked and
//     is refused; a new stream's first event gets version 1.
// Workspace streams of Marten are "<aggregate type>-<stream id>" (see MartenLayout): an existing
// stream is found by either spelling; a new one is split at the first '-' into type and id (the
// whole name is the id when it has no '-', or when its rest is no uuid in a uuid-keyed store).

// The version a stream that has no event yet gives its first event in this store.
qint64 pgFirstStreamVersion(const SourceUrl& url);

// Why this store cannot take an append at all (a mapped table without a version column); empty
// when it can.
QString pgAppendRefusal(const SourceUrl& url);

// The events of `drafts`, in order, as the store will hold them (not yet positioned): each
// stream's drafts take consecutive versions after the version the first of them expects.
std::vector<Event> pgEventsForDrafts(const SourceUrl& url, const std::vector<compensation::Draft>& drafts,
                                     qint64 timeUs);

// Appends the events of `drafts` in one transaction. Returns them as written: position = the
// store's position (global_position, seq_id or the position column), streamVersion = the store's
// version, timeUs as stored.
// Throws compensation::AppendConflictError naming every stream whose version moved (and for
// drafts of one stream that expect different versions, before connecting); LiveError for
// anything else (the server's message): nothing is written in either case.
std::vector<Event> appendToPostgres(const SourceUrl& url, const std::vector<compensation::Draft>& drafts,
                                    qint64 timeUs);

} // namespace eventscope::importers::live

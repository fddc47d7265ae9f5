#pragma once

#include "draft.h"

#include <QStringList>

#include <vector>

namespace eventscope {
class EventStore;
}

namespace eventscope::compensation {

class CompensationRules;

struct DraftOptions
{
    CompensationRules* rules = nullptr; // nullptr: the generic reversal for every event
    QString reason;
    QString author; // empty: defaultAuthor()
};

struct DraftingResult
{
    std::vector<Draft> drafts;
    QStringList notes; // what a person should know: events a rule left alone, ...
};

// Turns events that need correcting into drafts: through the rule for each event's type when the
// rules have one, else through the generic reversal. Each draft carries the compensated event's id
// as causation id, its correlation id, the reason, the author, the time, and the version its stream
// ends at in `store` (what an append will expect). A rule sees the compensated stream's state now:
// the built-in aggregate of its whole history (the state the correction will apply to).
class Drafter
{
public:
    explicit Drafter(EventStore& store) : m_store(store) {}

    // Throws replay::ProjectionError when a rule fails.
    DraftingResult draft(const std::vector<Event>& events, const DraftOptions& options);
    // A draft to be written by hand for `event`: its stream, type `<Type>Corrected`, a copy of its
    // data to edit, and the links, reason, author and expected version every draft carries.
    Draft byHand(const Event& event, const DraftOptions& options);

private:
    qint64 lastVersion(const QString& stream);

    EventStore& m_store;
};

} // namespace eventscope::compensation

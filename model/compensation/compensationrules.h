#pragma once

#include "event.h"
#include "script/eventbatch.h"
#include "script/scriptprogram.h"
#include "json/jsonvalue.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace eventscope::compensation {

// One event a rule drafted, before it becomes a Draft.
struct RuleOutput
{
    QString stream; // the compensated event's stream unless the rule names another
    QString type;
    QByteArray data;     // JSON object text
    QByteArray metadata; // JSON object text
    QString reason;      // empty: the reason the user gave
};

// Compensation rules written in JavaScript, one per event type:
//
//   compensate('InvoiceIssued', (event, state) => [{type: 'InvoiceCorrected', data: {...}}]);
//
// A rule gets the event (the object projections see) and the state of its stream, and returns the
// events that correct it: an object, an array of them, or nothing when the event needs no
// correction. Each is {type, data, stream?, metadata?, reason?}. The file runs in a script engine
// of its own under the same rules as projections (no I/O, a time limit per call); it may declare
// other things (a projection, checks), which are ignored here. Thread-affine like ScriptProgram.
class CompensationRules
{
public:
    // `reference`: a .js file or a workspace script. Throws replay::ProjectionError when the script
    // does not load or declares no compensate() rule.
    static std::unique_ptr<CompensationRules> load(const QString& reference,
                                                   script::ScriptOptions options = {});
    static std::unique_ptr<CompensationRules> fromSource(const QString& source, const QString& fileName,
                                                         script::ScriptOptions options = {});

    QString name() const { return m_program->fileName(); }
    QStringList types() const { return m_program->definition().compensatedTypes; }
    bool handles(const QString& type) const { return types().contains(type); }

    // The rule for event.type applied to the event and its stream's state; empty when there is no
    // rule or the rule drafts nothing. Throws replay::ProjectionError naming the rule, its line and
    // the event's position.
    std::vector<RuleOutput> compensate(const Event& event, const json::Value& state);

private:
    explicit CompensationRules(std::shared_ptr<script::ScriptProgram> program);
    static std::unique_ptr<CompensationRules> checked(std::shared_ptr<script::ScriptProgram> program);

    std::shared_ptr<script::ScriptProgram> m_program;
    script::EventBatch m_batch;
};

} // namespace eventscope::compensation

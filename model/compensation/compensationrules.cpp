#include "compensationrules.h"

#include "script/jsvalueconvert.h"

#include <QJSEngine>

namespace eventscope::compensation {

CompensationRules::CompensationRules(std::shared_ptr<script::ScriptProgram> program)
    : m_program(std::move(program))
{}

std::unique_ptr<CompensationRules> CompensationRules::checked(std::shared_ptr<script::ScriptProgram> program)
{
    if (program->definition().compensatedTypes.isEmpty()) {
        replay::ProjectionError error;
        error.script = program->fileName();
        error.message = QStringLiteral("the script declares no compensation rule: add "
                                       "compensate('EventType', (event, state) => [{type, data}])");
        throw error;
    }
    return std::unique_ptr<CompensationRules>(new CompensationRules(std::move(program)));
}

std::unique_ptr<CompensationRules> CompensationRules::load(const QString& reference,
                                                           script::ScriptOptions options)
{
    return checked(script::ScriptProgram::load(reference, options));
}

std::unique_ptr<CompensationRules>
CompensationRules::fromSource(const QString& source, const QString& fileName, script::ScriptOptions options)
{
    return checked(script::ScriptProgram::fromSource(source, fileName, options));
}

std::vector<RuleOutput> CompensationRules::compensate(const Event& event, const json::Value& state)
{
    if (!handles(event.type))
        return {};
    m_batch.clear();
    m_batch.append(event);
    QString text;
    try {
        text = m_program
                   ->call(m_program->runtime().compensate,
                          {m_batch.text(), m_program->engine().toScriptValue(m_batch.numbers()),
                           script::toJs(m_program->engine(), state)},
                          QStringLiteral("compensate('%1')").arg(event.type))
                   .toString();
    } catch (replay::ProjectionError& error) {
        if (!error.message.startsWith(QLatin1String("compensate(")))
            error.message = QStringLiteral("compensate('%1'): %2").arg(event.type, error.message);
        error.position = event.position;
        throw;
    }
    std::vector<RuleOutput> outputs;
    const auto parsed = json::parse(text.toUtf8());
    if (!parsed || !parsed->isArray())
        return outputs;
    for (std::size_t i = 0; i < parsed->size(); ++i) {
        const json::Value& item = parsed->at(i);
        outputs.push_back({item["stream"].toQString(), item["type"].toQString(), json::toJson(item["data"]),
                           json::toJson(item["metadata"]), item["reason"].toQString()});
    }
    return outputs;
}

} // namespace eventscope::compensation

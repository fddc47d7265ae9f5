#include "replaysetup.h"

#include "builtinprojection.h"
#include "script/jsprojection.h"
#include "script/jsupcaster.h"
#include "script/scriptprogram.h"
#include "script/scriptsource.h"
#include "upcasterchain.h"

#include <QCryptographicHash>

namespace eventscope::replay {
namespace {

// Bumped when a change to the engine or the built-in projection changes what a fold produces, so
// that snapshots persisted by an older Eventscope are not reused.
constexpr const char* foldFormat = "eventscope-fold-1";

void hashScript(const QString& reference, QCryptographicHash& hash)
{
    hash.addData(script::readScriptSource(reference).toUtf8());
}

std::shared_ptr<script::ScriptProgram> loadScript(const QString& path, const ReplaySpec& spec)
{
    return script::ScriptProgram::load(path, script::ScriptOptions{spec.scriptTimeLimit});
}

} // namespace

ReplaySetup::ReplaySetup(const ReplaySpec& spec)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray(foldFormat));
    std::vector<std::shared_ptr<script::ScriptProgram>> programs;

    std::shared_ptr<script::ScriptProgram> projectionScript;
    if (!spec.projection.isEmpty() && spec.projection != BuiltinProjection::projectionName()) {
        projectionScript = loadScript(spec.projection, spec);
        hashScript(spec.projection, hash);
        if (!projectionScript->definition().hasProjection)
            throw ProjectionError{
                QStringLiteral("declares no projection (fromAll(), fromStream(), fromCategory() ... "
                               "followed by .when({...}))"),
                projectionScript->fileName(), 0, 0};
        programs.push_back(projectionScript);
    }
    std::shared_ptr<script::ScriptProgram> checksScript;
    if (!spec.checksScript.isEmpty() && projectionScript &&
        script::sameScript(spec.checksScript, spec.projection)) {
        // One file that is both the projection and its invariants: one program.
        checksScript = projectionScript;
    } else if (!spec.checksScript.isEmpty()) {
        checksScript = loadScript(spec.checksScript, spec);
        // An invariants file may declare the projection its invariants are about.
        if (checksScript->definition().hasProjection) {
            if (projectionScript)
                throw ProjectionError{
                    QStringLiteral("declares a projection of its own, and --projection names another: "
                                   "use one"),
                    checksScript->fileName(), 0, 0};
            projectionScript = checksScript;
            hashScript(spec.checksScript, hash); // it is the projection
        }
        if (checksScript != projectionScript || programs.empty())
            programs.push_back(checksScript);
    }
    if (projectionScript)
        m_projection = projectionScript->createProjection();
    else {
        hash.addData(QByteArray("builtin"));
        m_projection = std::make_unique<BuiltinProjection>();
    }

    auto chain = std::make_unique<UpcasterChain>();
    for (const QString& path : spec.upcasterScripts) {
        auto program = loadScript(path, spec);
        hashScript(path, hash);
        if (program->definition().upcasters.empty())
            throw ProjectionError{
                QStringLiteral("declares no upcasters (upcast(type, fromVersion, e => ({...e}))"),
                program->fileName(), 0, 0};
        chain->add(program->createUpcaster());
    }
    // Upcasters declared beside a projection or invariants apply too.
    for (const auto& program : programs)
        chain->add(program->createUpcaster());
    if (!chain->isEmpty())
        m_upcaster = std::move(chain);

    for (const auto& program : programs) {
        for (auto& check : program->createChecks())
            m_checks.push_back(std::move(check));
    }
    if (checksScript && m_checks.empty())
        throw ProjectionError{
            QStringLiteral("declares no invariant(name, state => bool) or breakpoint(name, e => bool)"),
            checksScript->fileName(), 0, 0};
    m_identity = QString::fromLatin1(hash.result().toHex());
}

ReplaySetup::~ReplaySetup() = default;

QString ReplaySetup::projectionName() const
{
    return m_projection->name();
}

} // namespace eventscope::replay

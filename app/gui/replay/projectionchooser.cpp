#include "projectionchooser.h"

#include "replay/builtinprojection.h"
#include "script/scriptsource.h"
#include "scriptcatalog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace eventscope::gui {
namespace {

const QString userScriptsKey = QStringLiteral("replay/projectionScripts");
constexpr int maxRememberedScripts = 10;
const QString openScriptData = QStringLiteral("open:");

} // namespace

ProjectionChooser::ProjectionChooser(QWidget* parent) : QComboBox(parent)
{
    setToolTip(tr("The projection whose state the inspector, read model and charts show"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    addItem(tr("Built-in aggregate"), replay::BuiltinProjection::projectionName());
    for (const ScriptEntry& entry : bundledScripts()) {
        if (entry.hasProjection)
            addScript(entry.path);
    }
    const QStringList remembered = QSettings().value(userScriptsKey).toStringList();
    for (const QString& path : remembered) {
        if (QFileInfo::exists(path) && findData(QFileInfo(path).absoluteFilePath()) < 0)
            addScript(QFileInfo(path).absoluteFilePath());
    }
    insertSeparator(count());
    addItem(tr("Open Script\u2026"), openScriptData);
    connect(this, &QComboBox::activated, this, &ProjectionChooser::onActivated);
}

QString ProjectionChooser::projection() const
{
    return itemData(m_current).toString();
}

void ProjectionChooser::addScript(const QString& path)
{
    // Scripts go above the separator and the "Open Script" entry once those exist.
    const int openItem = findData(openScriptData);
    const int at = openItem < 0 ? count() : openItem - 1;
    if (script::isWorkspaceReference(path)) {
        insertItem(at, script::scriptName(path), path);
        setItemData(at, tr("Kept in this workspace (Scripts)"), Qt::ToolTipRole);
        return;
    }
    insertItem(at, QFileInfo(path).fileName(), path);
    setItemData(at, QDir::toNativeSeparators(path), Qt::ToolTipRole);
}

bool ProjectionChooser::setProjection(const QString& projection)
{
    int index = findData(projection);
    if (index < 0) {
        const ScriptEntry entry = describeScript(projection);
        if (!entry.error.isEmpty() || !entry.hasProjection) {
            m_lastError =
                entry.error.isEmpty()
                    ? tr("%1 declares no projection (fromAll(), fromStream(), fromCategory() \u2026 "
                         "followed by .when({...}))")
                          .arg(entry.name)
                    : entry.error;
            setCurrentIndex(m_current);
            return false;
        }
        addScript(projection);
        if (!script::isWorkspaceReference(projection))
            rememberScript(projection);
        index = findData(projection);
    }
    m_current = index;
    setCurrentIndex(index);
    return true;
}

void ProjectionChooser::setWorkspaceScripts(const std::vector<ScriptEntry>& scripts)
{
    const QString shown = projection();
    for (int i = count() - 1; i >= 0; --i) {
        if (script::isWorkspaceReference(itemData(i).toString()))
            removeItem(i);
    }
    for (const ScriptEntry& entry : scripts) {
        // The one on show stays listed while its text is being edited into shape.
        if ((entry.hasProjection && entry.error.isEmpty()) || entry.path == shown)
            addScript(entry.path);
    }
    const int index = findData(shown);
    m_current = index < 0 ? 0 : index;
    setCurrentIndex(m_current);
    if (index < 0)
        emit projectionChosen(projection());
}

void ProjectionChooser::onActivated(int index)
{
    if (itemData(index).toString() != openScriptData) {
        if (index != m_current) {
            m_current = index;
            emit projectionChosen(projection());
        }
        return;
    }
    setCurrentIndex(m_current);
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Projection Script"), bundledScriptsFolder(),
                                     tr("JavaScript projections (*.js);;All files (*)"));
    if (path.isEmpty())
        return;
    if (!setProjection(QFileInfo(path).absoluteFilePath())) {
        emit scriptRejected(m_lastError);
        return;
    }
    emit projectionChosen(projection());
}

void ProjectionChooser::rememberScript(const QString& path)
{
    QSettings settings;
    QStringList remembered = settings.value(userScriptsKey).toStringList();
    remembered.removeAll(path);
    remembered.prepend(path);
    while (remembered.size() > maxRememberedScripts)
        remembered.removeLast();
    settings.setValue(userScriptsKey, remembered);
}

} // namespace eventscope::gui

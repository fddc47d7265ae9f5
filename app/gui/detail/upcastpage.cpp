#include "upcastpage.h"

#include "jsontextview.h"
#include "json/jsondiff.h"
#include "json/jsonvalue.h"

#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace eventscope::gui {
namespace {

constexpr int maxNamedChanges = 6;

QString versionText(const Event& event)
{
    return QStringLiteral("%1 v%2").arg(event.type).arg(event.schemaVersion);
}

// "added currency, changed total" — the fields an upcast touched, for the summary line.
QString changeList(const Event& original, const Event& upcasted)
{
    const std::optional<json::Value> before = json::parse(original.data);
    const std::optional<json::Value> after = json::parse(upcasted.data);
    if (!before || !after)
        return {};
    const std::vector<json::DiffEntry> entries = json::diff(*before, *after);
    if (entries.empty())
        return UpcastPage::tr("the payload is unchanged");
    QStringList named;
    for (size_t i = 0; i < entries.size() && i < size_t(maxNamedChanges); ++i) {
        const json::DiffEntry& entry = entries[i];
        const QString path =
            entry.path.empty() ? UpcastPage::tr("the whole payload") : json::formatPath(entry.path);
        switch (entry.kind) {
        case json::DiffEntry::Kind::Added:
            named << UpcastPage::tr("added %1").arg(path);
            break;
        case json::DiffEntry::Kind::Removed:
            named << UpcastPage::tr("removed %1").arg(path);
            break;
        case json::DiffEntry::Kind::Changed:
            named << UpcastPage::tr("changed %1").arg(path);
            break;
        }
    }
    QString text = named.join(QStringLiteral(", "));
    if (entries.size() > size_t(maxNamedChanges))
        text += UpcastPage::tr(" and %n more", nullptr, int(entries.size()) - maxNamedChanges);
    return text;
}

QLabel* caption(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setContentsMargins(6, 4, 6, 2);
    return label;
}

QWidget* column(QLabel* title, QWidget* body, QWidget* parent)
{
    auto* widget = new QWidget(parent);
    auto* layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(title);
    layout->addWidget(body, 1);
    return widget;
}

} // namespace

UpcastPage::UpcastPage(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_originalCaption(caption(this)),
      m_upcastedCaption(caption(this)), m_original(new JsonTextView(this)),
      m_upcasted(new JsonTextView(this)), m_error(new QLabel(this)), m_right(new QStackedWidget(this))
{
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(6, 4, 6, 4);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_error->setWordWrap(true);
    m_error->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_error->setContentsMargins(6, 6, 6, 6);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_right->addWidget(m_upcasted);
    m_right->addWidget(m_error);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(column(m_originalCaption, m_original, splitter));
    splitter->addWidget(column(m_upcastedCaption, m_right, splitter));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
}

void UpcastPage::showOriginal(const Event& original)
{
    m_originalCaption->setText(tr("Original \u00b7 %1").arg(versionText(original)));
    m_original->setJson(original.data);
}

void UpcastPage::showUpcast(const Event& original, const Event& upcasted)
{
    showOriginal(original);
    m_upcastedCaption->setText(tr("Upcasted \u00b7 %1").arg(versionText(upcasted)));
    m_upcasted->setJson(upcasted.data);
    m_right->setCurrentWidget(m_upcasted);
    const QString changes = changeList(original, upcasted);
    m_summary->setText(
        changes.isEmpty()
            ? tr("%1 \u2192 %2").arg(versionText(original), versionText(upcasted))
            : tr("%1 \u2192 %2: %3").arg(versionText(original), versionText(upcasted), changes));
}

void UpcastPage::showError(const Event& original, const QString& error)
{
    showOriginal(original);
    m_upcastedCaption->setText(tr("Upcasted"));
    m_error->setText(error);
    m_right->setCurrentWidget(m_error);
    m_summary->setText(tr("The upcasters failed on this %1 event:").arg(versionText(original)));
}

QString UpcastPage::summaryText() const
{
    return m_summary->text();
}

bool UpcastPage::showsError() const
{
    return m_right->currentWidget() == m_error;
}

QString UpcastPage::errorText() const
{
    return showsError() ? m_error->text() : QString();
}

} // namespace eventscope::gui

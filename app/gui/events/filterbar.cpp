#include "filterbar.h"

#include "filter/filter.h"
#include "filterlineedit.h"

#include <QAction>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>

namespace eventscope::gui {
namespace {

QString helpText()
{
    return FilterBar::tr(
        "<p style='white-space:pre'><b>Filter expressions</b><br>"
        "Fields: position, time, stream, category, type, version, id, causation, correlation,<br>"
        "    data.<i>path</i> and metadata.<i>path</i> (data.lines[0].sku, data[\"unit-price\"])<br>"
        "Compare: == != &lt; &lt;= &gt; &gt;=, ~ and !~ (regular expression), in [\u2026], exists<br>"
        "Combine: &amp;&amp; || ! and parentheses (also and, or, not)<br>"
        "Values: \"text\", numbers, true, false, null; times in UTC: \"2025-03-01T14:30:00Z\"<br><br>"
        "type == \"OrderPlaced\" &amp;&amp; data.total &gt; 100<br>"
        "stream ~ \"^order-\" &amp;&amp; time &gt;= \"2025-03-01\"<br>"
        "type in [\"ItemAdded\", \"ItemRemoved\"] || exists data.discount<br><br>"
        "Enter applies, Escape clears, Up and Down step through recent filters.</p>");
}

// A small chevron in the palette's text colour, drawn rather than taken from the style so that
// it matches the editor's text in light and dark themes and stays sharp at any device pixel ratio.
QIcon chevronIcon(const QPalette& palette, qreal devicePixelRatio)
{
    const int size = 16;
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor color = palette.color(QPalette::Text);
    color.setAlphaF(0.7f);
    painter.setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    QPainterPath chevron;
    chevron.moveTo(4.5, 6.5);
    chevron.lineTo(8, 10);
    chevron.lineTo(11.5, 6.5);
    painter.drawPath(chevron);
    return QIcon(pixmap);
}

} // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent), m_editor(new FilterLineEdit(this)), m_historyMenu(new QMenu(this)),
      m_summary(new QLabel(this)), m_message(new QLabel(this))
{
    m_editor->setPlaceholderText(tr("Filter: type == \"OrderPlaced\" && data.total > 100"));
    m_editor->setToolTip(helpText());
    m_historyAction =
        m_editor->addAction(chevronIcon(palette(), devicePixelRatioF()), QLineEdit::TrailingPosition);
    m_historyAction->setToolTip(tr("Recent filters (Up and Down step through them)"));

    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_summary->setTextFormat(Qt::PlainText);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    setMessage({});

    auto* layout = new QGridLayout(this);
    const int gap = fontMetrics().height() / 3;
    layout->setContentsMargins(gap, gap, gap, gap);
    layout->setHorizontalSpacing(gap * 2);
    layout->setVerticalSpacing(gap / 2);
    layout->addWidget(m_editor, 0, 0);
    layout->addWidget(m_summary, 0, 1);
    layout->addWidget(m_message, 1, 0, 1, 2);
    layout->setColumnStretch(0, 1);
    setFocusProxy(m_editor);

    connect(m_editor, &QLineEdit::returnPressed, this, [this] {
        m_historyIndex = -1;
        emit applyRequested(text());
    });
    connect(m_editor, &FilterLineEdit::escapePressed, this, [this] {
        m_historyIndex = -1;
        emit clearRequested();
    });
    connect(m_editor, &QLineEdit::textEdited, this, &FilterBar::onEdited);
    connect(m_editor, &FilterLineEdit::historyStepRequested, this, &FilterBar::stepHistory);
    connect(m_historyAction, &QAction::triggered, this, [this] {
        rebuildHistoryMenu();
        m_historyMenu->setMinimumWidth(m_editor->width());
        m_historyMenu->popup(m_editor->mapToGlobal(QPoint(0, m_editor->height())));
    });
}

void FilterBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) { // a theme switch: the drawn colours follow
        m_historyAction->setIcon(chevronIcon(palette(), devicePixelRatioF()));
        setMessage(m_message->text());
    }
}

QString FilterBar::text() const
{
    return m_editor->text();
}

void FilterBar::setText(const QString& text)
{
    m_editor->setText(text);
    m_editor->clearErrorSpan();
}

void FilterBar::showError(const filter::FilterError& error)
{
    m_editor->setErrorSpan(error.start, error.length);
    setMessage(tr("Column %1: %2").arg(error.column()).arg(error.message));
    m_liveCheck = true;
}

void FilterBar::showProblem(const QString& message)
{
    m_editor->clearErrorSpan();
    setMessage(message);
    m_liveCheck = false;
}

void FilterBar::clearError()
{
    m_editor->clearErrorSpan();
    setMessage({});
    m_liveCheck = false;
}

bool FilterBar::hasError() const
{
    return !m_message->text().isEmpty();
}

QString FilterBar::errorMessage() const
{
    return m_message->text();
}

void FilterBar::setMessage(const QString& message)
{
    QPalette colors = m_message->palette();
    colors.setColor(QPalette::WindowText, filterErrorColor(palette()));
    m_message->setPalette(colors);
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_editor->setToolTip(message.isEmpty() ? helpText() : message);
}

void FilterBar::setSummary(const QString& text, const QString& toolTip)
{
    m_summary->setText(text);
    m_summary->setToolTip(toolTip);
}

QString FilterBar::summary() const
{
    return m_summary->text();
}

void FilterBar::remember(const QString& filter)
{
    m_history.add(filter);
    m_historyIndex = -1;
}

void FilterBar::onEdited()
{
    m_historyIndex = -1;
    if (!m_liveCheck)
        return;
    // Checked as typed only once a filter has failed: red under half-typed text would nag.
    filter::FilterError error;
    if (m_editor->text().trimmed().isEmpty() || filter::Filter::compile(m_editor->text(), &error)) {
        clearError();
        return;
    }
    m_editor->setErrorSpan(error.start, error.length);
    setMessage(tr("Column %1: %2").arg(error.column()).arg(error.message));
}

void FilterBar::stepHistory(int direction)
{
    const QStringList entries = m_history.entries();
    if (entries.isEmpty())
        return;
    if (m_historyIndex < 0)
        m_draft = text();
    // Up (direction -1) goes to older entries, which are further down the list.
    const int next = m_historyIndex - direction;
    if (next >= entries.size())
        return;
    m_historyIndex = std::max(-1, next);
    m_editor->setText(m_historyIndex < 0 ? m_draft : entries[m_historyIndex]);
    onEdited();
    m_historyIndex = std::max(-1, next); // onEdited() resets it: the text came from the history
}

void FilterBar::rebuildHistoryMenu()
{
    m_historyMenu->clear();
    const QStringList entries = m_history.entries();
    if (entries.isEmpty()) {
        m_historyMenu->addAction(tr("No filters applied yet"))->setEnabled(false);
        return;
    }
    const QFontMetrics fm(m_historyMenu->font());
    const int width = std::max(m_editor->width(), fm.averageCharWidth() * 40);
    for (const QString& entry : entries) {
        // & would read as a mnemonic marker in a menu: && is how a menu shows one &.
        QString label = fm.elidedText(entry, Qt::ElideRight, width);
        label.replace(QLatin1Char('&'), QLatin1String("&&"));
        QAction* action = m_historyMenu->addAction(label);
        action->setToolTip(entry);
        connect(action, &QAction::triggered, this, [this, entry] {
            setText(entry);
            emit applyRequested(entry);
        });
    }
    m_historyMenu->addSeparator();
    connect(m_historyMenu->addAction(tr("Clear History")), &QAction::triggered, this, [this] {
        m_history.clear();
        m_historyIndex = -1;
    });
}

} // namespace eventscope::gui

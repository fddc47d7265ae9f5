#include "serieslist.h"

#include "import/noticelabel.h"
#include "inspector/changestyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace eventscope::gui {
namespace {

// A short thick stroke in the line's colour, as a legend draws it.
QPixmap swatch(const QColor& color, qreal devicePixelRatio)
{
    const QSize size(16, 10);
    QPixmap pixmap(size * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0, 3.5, 16, 3), 1.5, 1.5);
    return pixmap;
}

} // namespace

SeriesList::SeriesList(QWidget* parent) : QWidget(parent), m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
}

SeriesList::~SeriesList() = default;

SeriesList::Row SeriesList::makeRow(int index)
{
    Row row;
    row.widget = new QWidget(this);
    auto* column = new QVBoxLayout(row.widget);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    auto* line = new QHBoxLayout;
    line->setContentsMargins(0, 0, 0, 0);
    line->setSpacing(6);
    row.swatch = new QLabel(row.widget);
    row.expression = new QLabel(row.widget);
    row.expression->setFont(changestyle::monospaceFont());
    row.expression->setTextFormat(Qt::PlainText);
    row.expression->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long expression is cut by the panel rather than widening it; the tooltip has all of it.
    row.expression->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    row.summary = new QLabel(row.widget);
    row.summary->setForegroundRole(QPalette::PlaceholderText);
    row.remove = new QToolButton(row.widget);
    row.remove->setAutoRaise(true);
    row.remove->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton, nullptr, this));
    row.remove->setToolTip(tr("Remove this series"));
    connect(row.remove, &QToolButton::clicked, this, [this, index] { emit removeRequested(index); });
    line->addWidget(row.swatch);
    line->addWidget(row.expression, 1);
    line->addWidget(row.summary);
    line->addWidget(row.remove);
    column->addLayout(line);
    row.problem = new NoticeLabel(row.widget);
    row.problem->setContentsMargins(22, 0, 0, 2); // under the expression, past the swatch
    column->addWidget(row.problem);
    return row;
}

void SeriesList::fill(Row& row, const Entry& entry)
{
    row.swatch->setPixmap(swatch(entry.color, devicePixelRatioF()));
    row.expression->setText(entry.expression);
    row.expression->setToolTip(entry.expression);
    row.summary->setText(entry.summary);
    switch (entry.problem) {
    case Entry::Problem::None:
        row.problem->clear();
        break;
    case Entry::Problem::Warning:
        row.problem->setNotice(NoticeLabel::Kind::Warning, entry.problemText);
        break;
    case Entry::Problem::Error:
        row.problem->setNotice(NoticeLabel::Kind::Error, entry.problemText);
        break;
    }
}

void SeriesList::setEntries(const std::vector<Entry>& entries)
{
    QStringList expressions;
    for (const Entry& entry : entries)
        expressions.append(entry.expression);
    if (expressions != m_expressions) {
        for (Row& row : m_rows) {
            // Later: the click that asked for this may still be on its way out of the button.
            row.widget->hide();
            m_layout->removeWidget(row.widget);
            row.widget->deleteLater();
        }
        m_rows.clear();
        for (int i = 0; i < int(entries.size()); ++i) {
            m_rows.push_back(makeRow(i));
            m_layout->addWidget(m_rows.back().widget);
        }
        m_expressions = expressions;
    }
    for (std::size_t i = 0; i < entries.size(); ++i)
        fill(m_rows[i], entries[i]);
    setVisible(!m_rows.empty());
}

QString SeriesList::summaryText(int row) const
{
    return m_rows.at(std::size_t(row)).summary->text();
}

QString SeriesList::problemText(int row) const
{
    return m_rows.at(std::size_t(row)).problem->text();
}

QToolButton* SeriesList::removeButton(int row) const
{
    return m_rows.at(std::size_t(row)).remove;
}

} // namespace eventscope::gui

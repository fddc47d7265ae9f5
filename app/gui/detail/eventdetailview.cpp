#include "eventdetailview.h"

#include "correlationmodel.h"
#include "eventstore.h"
#include "hexdump.h"
#include "inspector/changestyle.h"
#include "jsonlines/envelopejson.h"
#include "jsontextview.h"
#include "payloadtext.h"
#include "timeformat.h"
#include "upcastpage.h"

#include <QAction>
#include <QClipboard>
#include <QFormLayout>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <climits>

namespace eventscope::gui {
namespace {

const QString separator = QStringLiteral(" \u00b7 ");
const QString causeLink = QStringLiteral("cause");
const QString correlatedLink = QStringLiteral("correlated");

bool isProtobuf(const Event& event)
{
    return !event.rawData.isEmpty() &&
           event.contentType.contains(QLatin1String("protobuf"), Qt::CaseInsensitive);
}

// "orders.v1.OrderPlaced" out of "application/protobuf; messageType=orders.v1.OrderPlaced".
QString messageTypeOf(const QString& contentType)
{
    const qsizetype at = contentType.indexOf(QLatin1String("messageType="), 0, Qt::CaseInsensitive);
    if (at < 0)
        return {};
    const QString rest = contentType.mid(at + 12);
    return rest.section(QLatin1Char(';'), 0, 0).trimmed();
}

QString anchor(const QString& href, const QString& text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(href, text.toHtmlEscaped());
}

QLabel* selectableLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* linkLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    // As wide as the id, so that the note beside it follows it rather than the middle of the row.
    label->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    return label;
}

QLabel* noteLabel(QWidget* parent)
{
    auto* label = selectableLabel(parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A link and the note beside it, as one form field.
QWidget* linkRow(QLabel* link, QLabel* note, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(link);
    layout->addWidget(note, 1);
    return row;
}

void copyToClipboard(const QString& text)
{
    QGuiApplication::clipboard()->setText(text);
}

// The whole JSON text indented, for the clipboard: no display budget applies there.
QString fullJson(const QByteArray& json)
{
    return indentJson(json, INT_MAX, INT_MAX);
}

} // namespace

EventDetailView::EventDetailView(QWidget* parent)
    : QWidget(parent), m_pages(new QStackedWidget(this)), m_emptyHint(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_correlationModel(new CorrelationModel(this))
{
    createActions();

    m_emptyHint->setText(tr("Select an event in the table, or move the playhead, to see its payload, "
                            "metadata and links."));
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    m_emptyHint->setContentsMargins(24, 24, 24, 24);

    m_metadataView = new JsonTextView(this);
    m_metadataView->setPlaceholderText(tr("This event has no metadata."));
    m_rawView = new QPlainTextEdit(this);
    m_rawView->setReadOnly(true);
    m_rawView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_rawView->setFont(changestyle::monospaceFont());
    m_rawView->setFrameShape(QFrame::NoFrame);
    m_rawView->setUndoRedoEnabled(false);
    m_rawView->document()->setDocumentMargin(6);
    m_upcastPage = new UpcastPage(this);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createDataPage(), tr("Data"));
    m_tabs->addTab(m_metadataView, tr("Metadata"));
    m_tabs->addTab(m_rawView, tr("Raw"));
    m_tabs->addTab(m_upcastPage, tr("Upcasted"));
    m_tabs->addTab(createCorrelatedPage(), tr("Correlated"));

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createHeader());
    layout->addWidget(createLinks());
    layout->addWidget(m_tabs, 1);

    m_pages->addWidget(m_emptyHint);
    m_pages->addWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_pages);
    clear();
}

EventDetailView::~EventDetailView() = default;

QWidget* EventDetailView::createHeader()
{
    auto* header = new QWidget(this);
    m_title = selectableLabel(header);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_subtitle = selectableLabel(header);
    m_subtitle->setWordWrap(true);

    m_copyJsonButton = new QToolButton(header);
    m_copyJsonButton->setDefaultAction(m_copyJson);
    m_copyJsonButton->setAutoRaise(true);
    m_copyJsonButton->setPopupMode(QToolButton::MenuButtonPopup);
    auto* menu = new QMenu(m_copyJsonButton);
    menu->addAction(m_copyJson);
    menu->addAction(m_copyMetadata);
    menu->addAction(m_copyEvent);
    menu->addSeparator();
    menu->addAction(m_copyId);
    m_copyJsonButton->setMenu(menu);

    m_copyIdButton = new QToolButton(header);
    m_copyIdButton->setDefaultAction(m_copyId);
    m_copyIdButton->setAutoRaise(true);

    // The type on the first line beside the copy buttons; where and when below it, full width.
    auto* layout = new QGridLayout(header);
    layout->setContentsMargins(8, 6, 4, 2);
    layout->setHorizontalSpacing(2);
    layout->setVerticalSpacing(2);
    layout->addWidget(m_title, 0, 0);
    layout->addWidget(m_copyJsonButton, 0, 1);
    layout->addWidget(m_copyIdButton, 0, 2);
    layout->addWidget(m_subtitle, 1, 0, 1, 3);
    layout->setColumnStretch(0, 1);
    return header;
}

QWidget* EventDetailView::createLinks()
{
    auto* links = new QWidget(this);
    m_id = selectableLabel(links);
    m_causeLink = linkLabel(links);
    m_causeNote = noteLabel(links);
    m_correlationLink = linkLabel(links);
    m_correlationNote = noteLabel(links);
    m_source = selectableLabel(links);
    connect(m_causeLink, &QLabel::linkActivated, this, [this] { followCause(); });
    connect(m_correlationLink, &QLabel::linkActivated, this,
            [this] { m_tabs->setCurrentWidget(m_correlatedPage); });

    auto* form = new QFormLayout(links);
    form->setContentsMargins(8, 2, 8, 6);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(2);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("ID"), m_id);
    form->addRow(tr("Caused by"), linkRow(m_causeLink, m_causeNote, links));
    form->addRow(tr("Correlation"), linkRow(m_correlationLink, m_correlationNote, links));
    form->addRow(tr("Source"), m_source);
    // The row names are secondary to the values.
    for (int row = 0; row < form->rowCount(); ++row) {
        if (auto* item = form->itemAt(row, QFormLayout::LabelRole); item && item->widget())
            item->widget()->setForegroundRole(QPalette::PlaceholderText);
    }
    return links;
}

QWidget* EventDetailView::createDataPage()
{
    m_dataPage = new QWidget(this);
    m_dataCaption = noteLabel(m_dataPage);
    m_dataCaption->setContentsMargins(6, 4, 6, 2);
    m_dataCaption->setWordWrap(true);
    m_dataView = new JsonTextView(m_dataPage);
    m_dataView->setPlaceholderText(tr("This event has no payload."));
    auto* layout = new QVBoxLayout(m_dataPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_dataCaption);
    layout->addWidget(m_dataView, 1);
    return m_dataPage;
}

QWidget* EventDetailView::createCorrelatedPage()
{
    m_correlatedPage = new QWidget(this);
    m_correlatedNote = noteLabel(m_correlatedPage);
    m_correlatedNote->setContentsMargins(6, 4, 6, 2);
    m_correlatedNote->setWordWrap(true);
    m_correlationView = new QTreeView(m_correlatedPage);
    m_correlationView->setModel(m_correlationModel);
    m_correlationView->setRootIsDecorated(false);
    m_correlationView->setUniformRowHeights(true);
    m_correlationView->setAllColumnsShowFocus(true);
    m_correlationView->setFrameShape(QFrame::NoFrame);
    m_correlationView->header()->setStretchLastSection(true);
    m_correlationView->header()->setSectionResizeMode(QHeaderView::Interactive);
    // Sized for the bold row of the current event, the widest of them.
    QFont bold = m_correlationView->font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const auto width = [&](const QString& sample) { return metrics.horizontalAdvance(sample) + 20; };
    m_correlationView->setColumnWidth(CorrelationModel::PositionColumn, width(QStringLiteral("00000000")));
    m_correlationView->setColumnWidth(CorrelationModel::TimeColumn,
                                      width(QStringLiteral("2025-03-01T12:00:00.000000Z")));
    m_correlationView->setColumnWidth(CorrelationModel::StreamColumn,
                                      width(QStringLiteral("inventory-sku-000")));
    connect(m_correlationView, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        const qint64 position = m_correlationModel->positionAt(index.row());
        if (position > 0)
            emit positionRequested(position);
    });
    auto* layout = new QVBoxLayout(m_correlatedPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_correlatedNote);
    layout->addWidget(m_correlationView, 1);
    return m_correlatedPage;
}

void EventDetailView::createActions()
{
    m_copyJson = new QAction(tr("Copy JSON"), this);
    m_copyJson->setToolTip(tr("Copy the payload as indented JSON"));
    m_copyMetadata = new QAction(tr("Copy Metadata"), this);
    m_copyEvent = new QAction(tr("Copy Event as JSON"), this);
    m_copyEvent->setToolTip(tr("Copy the whole envelope (position, stream, type, links, data, metadata)"));
    m_copyId = new QAction(tr("Copy ID"), this);
    m_copyId->setToolTip(tr("Copy the event's id"));
    connect(m_copyJson, &QAction::triggered, this, [this] {
        if (m_event)
            copyToClipboard(fullJson(m_event->data));
    });
    connect(m_copyMetadata, &QAction::triggered, this, [this] {
        if (m_event)
            copyToClipboard(
                fullJson(m_event->metadata.isEmpty() ? QByteArrayLiteral("{}") : m_event->metadata));
    });
    connect(m_copyEvent, &QAction::triggered, this, [this] {
        if (!m_event)
            return;
        std::string envelope;
        importers::appendEnvelopeJson(envelope, *m_event);
        copyToClipboard(fullJson(QByteArray::fromStdString(envelope)));
    });
    connect(m_copyId, &QAction::triggered, this, [this] {
        if (m_event)
            copyToClipboard(m_event->id);
    });
}

void EventDetailView::setStore(EventStore* store)
{
    m_store = store;
    if (m_event)
        setEvent(*m_event);
}

void EventDetailView::setUpcaster(Upcast upcast)
{
    m_upcast = std::move(upcast);
    if (m_event)
        showUpcast();
}

void EventDetailView::setEvent(const Event& event)
{
    QWidget* const shownPage = m_tabs->currentWidget();
    m_event = event;
    showEnvelope(event);
    showPayload(event);
    showUpcast();
    showCause();
    showCorrelated(event);
    // Stepping through events keeps the tab the user chose, as long as the event has it.
    if (shownPage && m_tabs->isTabVisible(m_tabs->indexOf(shownPage)))
        m_tabs->setCurrentWidget(shownPage);
    else
        m_tabs->setCurrentWidget(m_dataPage);
    for (QAction* action : {m_copyJson, m_copyMetadata, m_copyEvent, m_copyId})
        action->setEnabled(true);
    m_copyId->setEnabled(!event.id.isEmpty());
    m_pages->setCurrentIndex(1);
}

void EventDetailView::clear()
{
    m_event.reset();
    m_causePosition.reset();
    m_causeInfo.clear();
    m_correlationInfo.clear();
    m_title->clear();
    m_subtitle->clear();
    m_dataView->setJson({});
    m_metadataView->setJson({});
    m_rawView->clear();
    m_correlationModel->clear();
    for (QAction* action : {m_copyJson, m_copyMetadata, m_copyEvent, m_copyId})
        action->setEnabled(false);
    m_pages->setCurrentWidget(m_emptyHint);
}

void EventDetailView::showEnvelope(const Event& event)
{
    const QLocale locale;
    m_title->setText(event.schemaVersion == 1
                         ? event.type
                         : tr("%1 (schema %2)").arg(event.type).arg(event.schemaVersion));
    m_subtitle->setText(QStringList{QStringLiteral("#") + locale.toString(event.position),
                                    tr("%1 v%2").arg(event.stream).arg(event.streamVersion),
                                    formatTimestamp(event.timeUs)}
                            .join(separator));
    m_id->setText(event.id);
    QStringList source;
    if (!event.source.isEmpty())
        source << event.source;
    source << (event.contentType.isEmpty() ? tr("JSON") : event.contentType);
    m_source->setText(source.join(separator));
}

void EventDetailView::showPayload(const Event& event)
{
    const bool binary = !event.rawData.isEmpty();
    const bool decoded = isProtobuf(event);
    const QLocale locale;
    m_tabs->setTabText(m_tabs->indexOf(m_dataPage), decoded ? tr("Decoded") : tr("Data"));
    const QString bytes = locale.toString(event.rawData.size());
    if (decoded) {
        const QString messageType = messageTypeOf(event.contentType);
        m_dataCaption->setText(messageType.isEmpty()
                                   ? tr("Decoded from %1 protobuf bytes").arg(bytes)
                                   : tr("Decoded from %1 bytes of %2").arg(bytes, messageType));
    } else if (binary) {
        const QString type = event.contentType.isEmpty() ? tr("binary data") : event.contentType;
        m_dataCaption->setText(tr("Binary payload: %1 bytes of %2 (see Raw)").arg(bytes, type));
    }
    m_dataCaption->setVisible(binary);
    m_dataView->setJson(event.data);
    if (m_dataView->isTruncated()) {
        m_dataCaption->setText(
            tr("Showing the first %1 lines of %2 bytes; Copy JSON copies it all")
                .arg(locale.toString(JsonTextView::maxLines), locale.toString(event.data.size())));
        m_dataCaption->setVisible(true);
    }
    m_metadataView->setJson(event.metadata);
    setTabShown(m_rawView, binary);
    m_rawView->setPlainText(binary ? hexDump(event.rawData) : QString());
}

void EventDetailView::showUpcast()
{
    std::optional<Event> upcasted;
    QString error;
    if (m_upcast && m_event) {
        try {
            upcasted = m_upcast(*m_event, &error);
        } catch (const std::exception& e) {
            // An upcaster that throws (a script's ProjectionError) is a failed upcast, shown as such.
            upcasted.reset();
            error = QString::fromUtf8(e.what());
        }
    }
    if (upcasted)
        m_upcastPage->showUpcast(*m_event, *upcasted);
    else if (!error.isEmpty())
        m_upcastPage->showError(*m_event, error);
    setTabShown(m_upcastPage, upcasted || !error.isEmpty());
}

void EventDetailView::showCause()
{
    const Event& event = *m_event;
    m_causePosition.reset();
    if (event.causationId.isEmpty()) {
        m_causeInfo = tr("none");
    } else if (event.causationId == event.id) {
        m_causeInfo = tr("the event itself");
    } else if (!m_store) {
        m_causeInfo.clear();
    } else if ((m_causePosition = m_store->positionOfId(event.causationId))) {
        const std::optional<Event> cause = m_store->eventAt(*m_causePosition);
        m_causeInfo = cause ? QStringList{QStringLiteral("#") + QLocale().toString(cause->position),
                                          cause->type, cause->stream}
                                  .join(separator)
                            : QString();
    } else {
        m_causeInfo = tr("cause not in this workspace");
    }
    updateLinkLabels();
}

void EventDetailView::followCause()
{
    if (!m_event || !m_store)
        return;
    // Looked up again: a live source may have brought the cause in since the event was shown.
    m_causePosition = m_store->positionOfId(m_event->causationId);
    if (m_causePosition) {
        emit positionRequested(*m_causePosition);
        return;
    }
    m_causeInfo = tr("cause not in this workspace");
    updateLinkLabels();
}

void EventDetailView::showCorrelated(const Event& event)
{
    std::vector<Event> events;
    bool truncated = false;
    if (m_store && !event.correlationId.isEmpty()) {
        std::vector<qint64> positions =
            m_store->correlatedPositions(event.correlationId, correlationLimit + 1);
        truncated = positions.size() > size_t(correlationLimit);
        if (truncated)
            positions.resize(size_t(correlationLimit));
        events.reserve(positions.size());
        for (qint64 position : positions) {
            if (std::optional<Event> correlated = m_store->eventAt(position))
                events.push_back(std::move(*correlated));
        }
    }
    m_correlationModel->setEvents(events, event.position, truncated);
    const QLocale locale;
    const int count = int(events.size());
    if (event.correlationId.isEmpty()) {
        m_correlationInfo = tr("none");
    } else if (!m_store) {
        m_correlationInfo.clear();
    } else if (truncated) {
        m_correlationInfo = tr("more than %1 events").arg(locale.toString(correlationLimit));
    } else if (count <= 1) {
        m_correlationInfo = tr("no other event");
    } else {
        m_correlationInfo = tr("%1 events").arg(locale.toString(count));
    }
    m_correlatedNote->setText(
        truncated ? tr("The first %1 events with correlation id %2")
                        .arg(locale.toString(correlationLimit), event.correlationId)
                  : tr("Events with correlation id %1, in log order").arg(event.correlationId));
    m_tabs->setTabText(m_tabs->indexOf(m_correlatedPage), truncated
                                                              ? tr("Correlated (%1+)").arg(correlationLimit)
                                                              : tr("Correlated (%1)").arg(count));
    setTabShown(m_correlatedPage, count > 1);
    if (const int current = m_correlationModel->currentRow(); current >= 0) {
        const QModelIndex index = m_correlationModel->index(current, 0);
        m_correlationView->setCurrentIndex(index);
        m_correlationView->scrollTo(index);
    }
    updateLinkLabels();
}

void EventDetailView::updateLinkLabels()
{
    if (!m_event)
        return;
    const Event& event = *m_event;
    // A link only where it leads somewhere: a cause known to be missing is plain text.
    const bool causeLinked = m_causePosition && *m_causePosition != event.position;
    m_causeLink->setText(causeLinked ? anchor(causeLink, event.causationId)
                                     : event.causationId.toHtmlEscaped());
    m_causeLink->setVisible(!event.causationId.isEmpty());
    m_causeNote->setText(m_causeInfo);

    const bool correlationLinked = m_tabs->isTabVisible(m_tabs->indexOf(m_correlatedPage));
    m_correlationLink->setText(correlationLinked ? anchor(correlatedLink, event.correlationId)
                                                 : event.correlationId.toHtmlEscaped());
    m_correlationLink->setVisible(!event.correlationId.isEmpty());
    m_correlationNote->setText(m_correlationInfo);
}

void EventDetailView::setTabShown(QWidget* page, bool shown)
{
    const int index = m_tabs->indexOf(page);
    if (m_tabs->isTabVisible(index) == shown)
        return;
    if (!shown && m_tabs->currentIndex() == index)
        m_tabs->setCurrentWidget(m_dataPage);
    m_tabs->setTabVisible(index, shown);
}

QString EventDetailView::headerText() const
{
    return m_title->text() + separator + m_subtitle->text();
}

QString EventDetailView::causationText() const
{
    return m_causeNote->text();
}

QString EventDetailView::correlationText() const
{
    return m_correlationNote->text();
}

} // namespace eventscope::gui

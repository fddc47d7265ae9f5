#pragma once

#include "event.h"

#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace eventscope {
class EventStore;
}

namespace eventscope::gui {

class CorrelationModel;
class JsonTextView;
class UpcastPage;

// The event detail page (the lead puts it in a dock): one event's envelope in a header, its links
// (the cause, the events sharing its correlation id) and its payload in tabs: Data as coloured JSON
// (named Decoded for protobuf payloads, whose data is the decoded view), Metadata, Raw bytes as a
// hex dump, the Upcasted payload beside the original, and the Correlated events. Tabs that have
// nothing to show for an event are hidden.
class EventDetailView : public QWidget
{
    Q_OBJECT

public:
    // Returns the event after the upcasters; nullopt with an empty error when none applies to it,
    // nullopt with the error when they failed.
    using Upcast = std::function<std::optional<Event>(const Event& event, QString* error)>;

    // How many correlated events are listed; the rest are counted as "more".
    static constexpr int correlationLimit = 200;

    explicit EventDetailView(QWidget* parent = nullptr);
    ~EventDetailView() override;

    // Where causes and correlated events are looked up; not owned, nullptr = links not resolved.
    void setStore(EventStore* store);
    // Enables the Upcasted tab; an empty function disables it. Applies to the current event too.
    void setUpcaster(Upcast upcast);

    void setEvent(const Event& event);
    // Shows nothing (no event selected, or the workspace closed).
    void clear();
    const std::optional<Event>& event() const { return m_event; }

    // The header as plain text: "OrderPlaced · #4,711 · order-42 v3 · 2025-03-01T12:00:00Z".
    QString headerText() const;
    // The text beside the causation link ("#2 · StockReserved · sku-7", "cause not in this workspace").
    QString causationText() const;
    QString correlationText() const;

    QTabWidget* tabs() const { return m_tabs; }
    JsonTextView* dataView() const { return m_dataView; }
    JsonTextView* metadataView() const { return m_metadataView; }
    QPlainTextEdit* rawView() const { return m_rawView; }
    UpcastPage* upcastPage() const { return m_upcastPage; }
    QWidget* dataPage() const { return m_dataPage; }
    // Above the payload: what a binary payload was decoded from, or that a large one is cut.
    QLabel* dataCaption() const { return m_dataCaption; }
    QWidget* correlatedPage() const { return m_correlatedPage; }
    QLabel* causationLink() const { return m_causeLink; }
    QLabel* correlationLink() const { return m_correlationLink; }
    CorrelationModel* correlationModel() const { return m_correlationModel; }
    QTreeView* correlationView() const { return m_correlationView; }

    QAction* copyJsonAction() const { return m_copyJson; }
    QAction* copyMetadataAction() const { return m_copyMetadata; }
    QAction* copyEventAction() const { return m_copyEvent; }
    QAction* copyIdAction() const { return m_copyId; }

signals:
    // The user asked to go to an event: the cause, or a correlated event.
    void positionRequested(qint64 position);

private:
    QWidget* createHeader();
    QWidget* createLinks();
    QWidget* createDataPage();
    QWidget* createCorrelatedPage();
    void createActions();

    void showEnvelope(const Event& event);
    void showPayload(const Event& event);
    void showUpcast();
    void showCause();
    void showCorrelated(const Event& event);
    void followCause();
    void setTabShown(QWidget* page, bool shown);
    void updateLinkLabels();

    EventStore* m_store = nullptr;
    Upcast m_upcast;
    std::optional<Event> m_event;
    std::optional<qint64> m_causePosition;
    QString m_causeInfo;
    QString m_correlationInfo;

    QStackedWidget* m_pages = nullptr;
    QLabel* m_emptyHint = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QLabel* m_id = nullptr;
    QLabel* m_causeLink = nullptr;
    QLabel* m_causeNote = nullptr;
    QLabel* m_correlationLink = nullptr;
    QLabel* m_correlationNote = nullptr;
    QLabel* m_source = nullptr;
    QToolButton* m_copyJsonButton = nullptr;
    QToolButton* m_copyIdButton = nullptr;

    QTabWidget* m_tabs = nullptr;
    QWidget* m_dataPage = nullptr;
    QLabel* m_dataCaption = nullptr;
    JsonTextView* m_dataView = nullptr;
    JsonTextView* m_metadataView = nullptr;
    QPlainTextEdit* m_rawView = nullptr;
    UpcastPage* m_upcastPage = nullptr;
    QWidget* m_correlatedPage = nullptr;
    QLabel* m_correlatedNote = nullptr;
    CorrelationModel* m_correlationModel = nullptr;
    QTreeView* m_correlationView = nullptr;

    QAction* m_copyJson = nullptr;
    QAction* m_copyMetadata = nullptr;
    QAction* m_copyEvent = nullptr;
    QAction* m_copyId = nullptr;
};

} // namespace eventscope::gui

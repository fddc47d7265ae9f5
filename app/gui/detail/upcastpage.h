#pragma once

#include "event.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace eventscope::gui {

class JsonTextView;

// The Upcasted tab: an event's payload as it was written beside what the upcasters made of it
// (what every projection sees), with the fields they added, removed or changed named above, or the
// upcaster's error when it failed on this event.
class UpcastPage : public QWidget
{
    Q_OBJECT

public:
    explicit UpcastPage(QWidget* parent = nullptr);

    void showUpcast(const Event& original, const Event& upcasted);
    void showError(const Event& original, const QString& error);

    // The line above the two columns, as plain text.
    QString summaryText() const;
    JsonTextView* originalView() const { return m_original; }
    JsonTextView* upcastedView() const { return m_upcasted; }
    bool showsError() const;
    QString errorText() const;

private:
    void showOriginal(const Event& original);

    QLabel* m_summary;
    QLabel* m_originalCaption;
    QLabel* m_upcastedCaption;
    JsonTextView* m_original;
    JsonTextView* m_upcasted;
    QLabel* m_error;
    QStackedWidget* m_right;
};

} // namespace eventscope::gui

#pragma once

#include "compensation/whatif.h"
#include "json/jsonpath.h"

#include <QHash>
#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace eventscope::gui {

class InspectorTreeView;
class StateDiffModel;

// A what-if, shown: how many drafts were appended where, each invariant on the actual log and with
// the drafts ("stock never negative: violated in actual, holds with the drafts"), the chart
// expressions' values at both ends, and the two states side by side as their differences.
class WhatIfView : public QWidget
{
    Q_OBJECT

public:
    explicit WhatIfView(QWidget* parent = nullptr);

    // The chart expressions to evaluate on both ends (those of the Charts dock).
    void setExpressions(const QStringList& expressions);
    void showResult(const compensation::WhatIfResult& result, const QString& projectionName);
    void showBusy(const QString& what);
    void showMessage(const QString& message);

    QTreeWidget* invariantsView() const { return m_invariants; }
    QTreeWidget* expressionsView() const { return m_expressions; }
    StateDiffModel* diffModel() const { return m_diffModel; }
    QString summary() const;
    QPushButton* inspectButton() const { return m_inspect; }

signals:
    void pathActivated(const eventscope::json::Path& path);
    // "Show in the State dock": the two ends, as the inspector's A and B.
    // The chart expressions' values with the drafts (empty when there is no what-if), for the
    // Charts dock to draw after the log.
    void chartValuesChanged(const QHash<QString, eventscope::json::Value>& corrected, qint64 position);
    void inspectRequested(const eventscope::json::Value& actual, qint64 actualPosition,
                          const eventscope::json::Value& corrected, qint64 correctedPosition);

private:
    void fillExpressions();

    QStringList m_expressionSources;
    compensation::WhatIfResult m_result;
    bool m_hasResult = false;
    QLabel* m_summary;
    QPushButton* m_inspect;
    QTreeWidget* m_invariants;
    QTreeWidget* m_expressions;
    StateDiffModel* m_diffModel;
    InspectorTreeView* m_diffView;
};

} // namespace eventscope::gui

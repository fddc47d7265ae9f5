#pragma once

#include "json/jsonpath.h"
#include "json/jsonvalue.h"

#include <QWidget>

class QLabel;

namespace eventscope::gui {

class InspectorTreeView;
class StateDiffModel;

// The inspector's A/B tab: what the two marked states are, and their differences as a flat list.
class StateDiffPage : public QWidget
{
    Q_OBJECT

public:
    explicit StateDiffPage(QWidget* parent = nullptr);

    StateDiffModel* model() const { return m_model; }
    InspectorTreeView* view() const { return m_view; }

    void showDiff(json::Value a, qint64 positionA, json::Value b, qint64 positionB);
    // Back to the hint that explains marking.
    void clear();

signals:
    void pathActivated(const eventscope::json::Path& path);

private:
    StateDiffModel* m_model;
    QLabel* m_summary;
    InspectorTreeView* m_view;
};

} // namespace eventscope::gui

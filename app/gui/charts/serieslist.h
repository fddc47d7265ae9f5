#pragma once

#include <QColor>
#include <QString>
#include <QWidget>

#include <vector>

class QLabel;
class QToolButton;
class QVBoxLayout;

namespace eventscope::gui {

class NoticeLabel;

// The expressions of the Charts panel, one row each: the line's colour, the expression, what it
// gave (a point count, "Computing…"), a remove button, and under it what went wrong, if anything.
class SeriesList : public QWidget
{
    Q_OBJECT

public:
    struct Entry
    {
        enum class Problem
        {
            None,
            Warning, // drawn, but not everywhere (it threw at some points)
            Error    // nothing drawn
        };
        QString expression;
        QColor color;
        QString summary; // "2,114 points"
        Problem problem = Problem::None;
        QString problemText;
    };

    explicit SeriesList(QWidget* parent = nullptr);
    ~SeriesList() override;

    // Rebuilds the rows when the expressions differ, otherwise updates them in place.
    void setEntries(const std::vector<Entry>& entries);
    int count() const { return int(m_rows.size()); }

    QString summaryText(int row) const;
    QString problemText(int row) const; // empty when the row shows no problem
    QToolButton* removeButton(int row) const;

signals:
    void removeRequested(int row);

private:
    struct Row
    {
        QWidget* widget = nullptr;
        QLabel* swatch = nullptr;
        QLabel* expression = nullptr;
        QLabel* summary = nullptr;
        QToolButton* remove = nullptr;
        NoticeLabel* problem = nullptr;
    };
    Row makeRow(int index);
    void fill(Row& row, const Entry& entry);

    QVBoxLayout* m_layout;
    std::vector<Row> m_rows;
    QStringList m_expressions;
};

} // namespace eventscope::gui

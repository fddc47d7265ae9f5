#pragma once

#include <QWidget>

class QVBoxLayout;

namespace eventscope::gui {

// What the window shows with no workspace open: what to do next, and the recent workspaces.
class WelcomePage : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

    // Re-reads the recent workspaces (they are also re-read whenever the page is shown).
    void refresh();

signals:
    void openRequested();
    void workspaceRequested(const QString& path);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QVBoxLayout* m_recentList;
};

} // namespace eventscope::gui

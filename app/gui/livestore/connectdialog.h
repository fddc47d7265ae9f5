#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace eventscope::gui {

// File ▸ Connect to Live Store… and File ▸ Attach to Store…: the store's URL, picked from the
// saved profiles (the URLs used before, most recent first; a URL never holds a password, so neither
// does a profile) or typed, checked as it is typed, and whether the playhead keeps to the newest
// event. Following copies the store's events into the open workspace; attaching reads a
// PostgreSQL store in place from a new workspace that holds only the investigation.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int maxProfiles = 12;

    enum class Purpose
    {
        Follow,
        Attach
    };

    explicit ConnectDialog(QWidget* parent = nullptr, Purpose purpose = Purpose::Follow);

    QString url() const;
    void setUrl(const QString& url);
    bool followNewest() const;
    bool isValid() const { return m_valid; }

    // The saved profiles (QSettings), and remembering one at the front.
    static QStringList profiles();
    static void rememberProfile(const QString& canonicalUrl);

private:
    void validate();

    QComboBox* m_url;
    QLabel* m_problem;
    QCheckBox* m_follow;
    QDialogButtonBox* m_buttons;
    Purpose m_purpose;
    bool m_valid = false;
};

} // namespace eventscope::gui

#pragma once

#include <QWidget>

class QLabel;

namespace eventscope::gui {

// One line of status with an icon that says how much it matters: a plain remark, something to
// check, or a reason why a thing cannot be done. Colours come from the style's icons, so the text
// stays readable in light and dark palettes.
class NoticeLabel : public QWidget
{
    Q_OBJECT

public:
    enum class Kind
    {
        Info,
        Warning,
        Error
    };

    explicit NoticeLabel(QWidget* parent = nullptr);

    void setNotice(Kind kind, const QString& text);
    void clear();
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel* m_icon;
    QLabel* m_text;
    Kind m_kind = Kind::Info;
};

} // namespace eventscope::gui

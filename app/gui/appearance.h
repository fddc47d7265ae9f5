#pragma once

#include <QDBusVariant>
#include <QObject>
#include <QPalette>

class QActionGroup;
class QMenu;
class QWidget;

namespace eventscope::gui {

// Light and dark. By default the window follows the desktop: the platform theme's palette (KDE and
// others hand Qt theirs) and, where an XDG desktop portal runs (GNOME and most desktops now), its
// org.freedesktop.appearance color-scheme, followed live. View > Appearance overrides it with Light
// or Dark, remembered across sessions. Every view derives its colours from the palette and repaints
// on a palette change, so a switch recolours the whole window.
class Appearance : public QObject
{
    Q_OBJECT

public:
    enum class Scheme
    {
        System,
        Light,
        Dark
    };

    // Reads the remembered choice and applies it; call once the application's style is set.
    explicit Appearance(QObject* parent = nullptr);

    Scheme scheme() const { return m_scheme; }
    // Applies and remembers a choice.
    void setScheme(Scheme scheme);
    // Applies a choice for this run only (the command line's --appearance).
    void applyScheme(Scheme scheme);
    // Whether the palette in force is a dark one.
    static bool isDark();

    // "system", "light" or "dark"; ok = false (and System) for anything else.
    static Scheme parse(const QString& name, bool* ok = nullptr);
    // The portal's color-scheme value (1 prefers dark, 2 prefers light, else no preference) as a
    // scheme: Dark, Light, or System for "no preference".
    static Scheme fromPortalValue(const QVariant& value);

    static QPalette darkPalette();

    // Follow System / Light / Dark, checkable, for the View menu.
    QMenu* createMenu(QWidget* parent);

private slots:
    void onPortalSettingChanged(const QString& group, const QString& key, const QDBusVariant& value);

private:
    void apply();
    void watchPortal();

    Scheme m_scheme = Scheme::System;
    Scheme m_desktop = Scheme::System; // what the portal says the desktop prefers
    QActionGroup* m_group = nullptr;
};

} // namespace eventscope::gui

#include "appearance.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusReply>
#include <QMenu>
#include <QSettings>
#include <QStyle>

namespace eventscope::gui {
namespace {

const QString schemeKey = QStringLiteral("appearance/scheme");
const QString portalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString portalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString portalInterface = QStringLiteral("org.freedesktop.portal.Settings");
const QString appearanceGroup = QStringLiteral("org.freedesktop.appearance");
const QString colorSchemeKey = QStringLiteral("color-scheme");

QString nameOf(Appearance::Scheme scheme)
{
    switch (scheme) {
    case Appearance::Scheme::Light:
        return QStringLiteral("light");
    case Appearance::Scheme::Dark:
        return QStringLiteral("dark");
    case Appearance::Scheme::System:
        break;
    }
    return QStringLiteral("system");
}

// A D-Bus variant may arrive wrapped once more (the portal's Read returns a variant of a variant).
QVariant unwrap(QVariant value)
{
    while (value.canConvert<QDBusVariant>() && value.metaType() == QMetaType::fromType<QDBusVariant>())
        value = value.value<QDBusVariant>().variant();
    return value;
}

} // namespace

Appearance::Appearance(QObject* parent) : QObject(parent)
{
    m_scheme = parse(QSettings().value(schemeKey).toString());
    watchPortal();
    apply();
}

Appearance::Scheme Appearance::parse(const QString& name, bool* ok)
{
    const QString lower = name.trimmed().toLower();
    if (ok)
        *ok = lower == u"system" || lower == u"light" || lower == u"dark";
    if (lower == u"light")
        return Scheme::Light;
    if (lower == u"dark")
        return Scheme::Dark;
    return Scheme::System;
}

Appearance::Scheme Appearance::fromPortalValue(const QVariant& value)
{
    bool ok = false;
    const uint scheme = unwrap(value).toUInt(&ok);
    if (!ok)
        return Scheme::System;
    return scheme == 1 ? Scheme::Dark : scheme == 2 ? Scheme::Light : Scheme::System;
}

void Appearance::setScheme(Scheme scheme)
{
    QSettings().setValue(schemeKey, nameOf(scheme));
    applyScheme(scheme);
}

void Appearance::applyScheme(Scheme scheme)
{
    m_scheme = scheme;
    apply();
}

void Appearance::apply()
{
    const Scheme effective = m_scheme == Scheme::System ? m_desktop : m_scheme;
    switch (effective) {
    case Scheme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    case Scheme::Light:
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Scheme::System:
        QApplication::setPalette(QPalette()); // back to the platform theme's (or the style's)
        break;
    }
    if (m_group) {
        for (QAction* action : m_group->actions())
            action->setChecked(Scheme(action->data().toInt()) == m_scheme);
    }
}

bool Appearance::isDark()
{
    const QPalette palette = QApplication::palette();
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

void Appearance::watchPortal()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return; // no desktop session (CI, ssh): the platform theme's palette is all there is
    QDBusMessage read =
        QDBusMessage::createMethodCall(portalService, portalPath, portalInterface, QStringLiteral("Read"));
    read << appearanceGroup << colorSchemeKey;
    const QDBusMessage reply = bus.call(read, QDBus::Block, 500);
    if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty())
        m_desktop = fromPortalValue(reply.arguments().constFirst());
    bus.connect(portalService, portalPath, portalInterface, QStringLiteral("SettingChanged"), this,
                SLOT(onPortalSettingChanged(QString, QString, QDBusVariant)));
}

void Appearance::onPortalSettingChanged(const QString& group, const QString& key, const QDBusVariant& value)
{
    if (group != appearanceGroup || key != colorSchemeKey)
        return;
    m_desktop = fromPortalValue(QVariant::fromValue(value));
    if (m_scheme == Scheme::System)
        apply();
}

QPalette Appearance::darkPalette()
{
    // Neutral greys with a blue accent: the text colours every view mixes its accents into.
    QPalette p;
    const QColor window(45, 45, 48);
    const QColor base(30, 30, 32);
    const QColor text(226, 226, 228);
    const QColor disabledText(125, 125, 130);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(38, 38, 41));
    p.setColor(QPalette::ToolTipBase, QColor(58, 58, 62));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(145, 145, 150));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(53, 53, 57));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 110, 100));
    p.setColor(QPalette::Light, QColor(72, 72, 77));
    p.setColor(QPalette::Midlight, QColor(62, 62, 66));
    p.setColor(QPalette::Mid, QColor(40, 40, 43));
    p.setColor(QPalette::Dark, QColor(25, 25, 27));
    p.setColor(QPalette::Shadow, QColor(12, 12, 14));
    p.setColor(QPalette::Highlight, QColor(48, 120, 214));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(110, 170, 255));
    p.setColor(QPalette::LinkVisited, QColor(170, 140, 255));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(70, 70, 75));
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    return p;
}

QMenu* Appearance::createMenu(QWidget* parent)
{
    auto* menu = new QMenu(tr("&Appearance"), parent);
    m_group = new QActionGroup(menu);
    const std::pair<Scheme, QString> choices[] = {
        {Scheme::System, tr("Follow &System")}, {Scheme::Light, tr("&Light")}, {Scheme::Dark, tr("&Dark")}};
    for (const auto& [scheme, label] : choices) {
        QAction* action = menu->addAction(label);
        action->setCheckable(true);
        action->setData(int(scheme));
        action->setChecked(scheme == m_scheme);
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, scheme = scheme] { setScheme(scheme); });
    }
    return menu;
}

} // namespace eventscope::gui

// Light and dark: the user's choice, the desktop's preference as the portal reports it, and views
// that follow a switch.
#include "appearance.h"
#include "codecolors.h"
#include "mainwindow.h"
#include "testsupport.h"

#include <QAction>
#include <QApplication>
#include <QDBusVariant>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using eventscope::gui::Appearance;
using eventscope::gui::CodeColors;
using eventscope::gui::MainWindow;
using Scheme = eventscope::gui::Appearance::Scheme;

class TestAppearance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private slots:
    void initTestCase()
    {
        eventscope::testing::isolateSettings(m_settingsDir, QStringLiteral("tst_appearance"));
    }

    void parsesNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("scheme");
        QTest::addColumn<bool>("valid");
        QTest::newRow("dark") << QStringLiteral("dark") << int(Scheme::Dark) << true;
        QTest::newRow("Light, spaced") << QStringLiteral(" Light ") << int(Scheme::Light) << true;
        QTest::newRow("system") << QStringLiteral("system") << int(Scheme::System) << true;
        QTest::newRow("unknown") << QStringLiteral("sepia") << int(Scheme::System) << false;
    }

    void parsesNames()
    {
        QFETCH(QString, name);
        QFETCH(int, scheme);
        QFETCH(bool, valid);
        bool ok = !valid;
        QCOMPARE(int(Appearance::parse(name, &ok)), scheme);
        QCOMPARE(ok, valid);
    }

    void readsThePortalsColorScheme()
    {
        // The portal's Read answers a variant inside a variant; SettingChanged a plain one.
        const auto wrapped = [](uint value) {
            return QVariant::fromValue(QDBusVariant(QVariant::fromValue(QDBusVariant(QVariant(value)))));
        };
        QCOMPARE(Appearance::fromPortalValue(wrapped(1)), Scheme::Dark);
        QCOMPARE(Appearance::fromPortalValue(wrapped(2)), Scheme::Light);
        QCOMPARE(Appearance::fromPortalValue(wrapped(0)), Scheme::System);
        QCOMPARE(Appearance::fromPortalValue(QVariant(1u)), Scheme::Dark);
        QCOMPARE(Appearance::fromPortalValue(QVariant(QStringLiteral("dark"))), Scheme::System);
    }

    void switchesAndRemembers()
    {
        {
            Appearance appearance;
            QCOMPARE(appearance.scheme(), Scheme::System);
            appearance.setScheme(Scheme::Dark);
            QVERIFY(Appearance::isDark());
            // The colours code is shown in follow: lighter accents on the dark base.
            QVERIFY(CodeColors::from(QApplication::palette()).name.lightnessF() > 0.5);
            appearance.setScheme(Scheme::Light);
            QVERIFY(!Appearance::isDark());
            QVERIFY(CodeColors::from(QApplication::palette()).name.lightnessF() < 0.5);
            appearance.setScheme(Scheme::Dark);
        }
        Appearance again; // the next start
        QCOMPARE(again.scheme(), Scheme::Dark);
        QVERIFY(Appearance::isDark());
        // For one run only: not remembered.
        again.applyScheme(Scheme::Light);
        QCOMPARE(Appearance().scheme(), Scheme::Dark);
        again.setScheme(Scheme::System);
    }

    void theViewMenuOffersTheChoice()
    {
        MainWindow window;
        QMenu* menu = nullptr;
        for (QAction* action : window.menuBar()->actions()) {
            if (action->menu() && action->text() == QStringLiteral("&View")) {
                for (QAction* item : action->menu()->actions()) {
                    if (item->menu() && item->text() == QStringLiteral("&Appearance"))
                        menu = item->menu();
                }
            }
        }
        QVERIFY(menu);
        const QList<QAction*> choices = menu->actions();
        QCOMPARE(choices.size(), 3);
        QVERIFY(choices.at(0)->isChecked()); // Follow System
        choices.at(2)->trigger();            // Dark
        QVERIFY(Appearance::isDark());
        QVERIFY(choices.at(2)->isChecked());
        QVERIFY(!choices.at(0)->isChecked());
        QTRY_VERIFY(window.palette().color(QPalette::Window).lightnessF() < 0.5); // the window follows
        choices.at(0)->trigger();
        QVERIFY(!Appearance::isDark()); // no desktop preference here: the default light palette
    }
};

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"

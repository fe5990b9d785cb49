#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestFixtures.h"
#include "outbox/DeliveryService.h"
#include "storage/Settings.h"
#include "text/Translations.h"
#include "users/UserStore.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using GuiTest::child;

// The window at 800×600, in French (its longer strings), run once as is and once with QT_SCALE_FACTOR=2 (see
// CMakeLists.txt): on every page, each field, button and label is whole and inside the window, without scrolling.
class TestWindowLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void nothingIsClipped_data();
    void nothingIsClipped();

private:
    std::unique_ptr<GuiTest::TempDatabase> m_database;
};

namespace {

// Whether widget is a part of a composite widget (a spin box's line edit, a combo box's list, a tab bar's arrows).
bool isPart(const QWidget* widget, const QWidget* top)
{
    for (auto* ancestor = widget->parentWidget(); ancestor && ancestor != top; ancestor = ancestor->parentWidget()) {
        if (qobject_cast<const QAbstractSpinBox*>(ancestor) || qobject_cast<const QComboBox*>(ancestor)
            || qobject_cast<const QLineEdit*>(ancestor) || qobject_cast<const QTabBar*>(ancestor)
            || qobject_cast<const QAbstractItemView*>(ancestor) || qobject_cast<const QScrollBar*>(ancestor)) {
            return true;
        }
    }
    return false;
}

QString describe(const QWidget* widget, const QRect& rect)
{
    QString text = QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char(' ') + widget->objectName();
    if (const auto* button = qobject_cast<const QAbstractButton*>(widget)) {
        text += QStringLiteral(" “%1”").arg(button->text());
    } else if (const auto* label = qobject_cast<const QLabel*>(widget)) {
        text += QStringLiteral(" “%1”").arg(label->text().left(60));
    }
    return text + QStringLiteral(" at %1,%2 %3×%4").arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height());
}

} // namespace

void TestWindowLayout::initTestCase()
{
    GuiTest::initApplication();
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    m_database = std::make_unique<GuiTest::TempDatabase>();
    QVERIFY(m_database->open());
    // A few accounts with long names and addresses, and their notifications.
    QVERIFY(TestFixtures::setWebhookUrl(m_database->get(), QStringLiteral("http://127.0.0.1:9/hook")));
    for (int i = 0; i < 3; ++i) {
        NewUser user;
        user.name = QStringLiteral("Marie-Thérèse de La Tour d’Auvergne %1").arg(i);
        user.email = QStringLiteral("marie-therese.de-la-tour-dauvergne.%1@administration.example.org").arg(i);
        user.role = i == 0 ? Role::Admin : Role::Pending;
        QVERIFY(UserStore(m_database->get()).create(user, {}).ok);
    }
}

void TestWindowLayout::cleanupTestCase()
{
    Translations::install(QStringLiteral("en"));
    m_database.reset();
}

void TestWindowLayout::nothingIsClipped_data()
{
    QTest::addColumn<QString>("tab");
    QTest::addColumn<QString>("settingsTab");
    QTest::newRow("users") << QStringLiteral("usersTab") << QString();
    QTest::newRow("deliveries") << QStringLiteral("deliveriesTab") << QString();
    QTest::newRow("general") << QStringLiteral("settingsTab") << QStringLiteral("generalTab");
    QTest::newRow("webhooks") << QStringLiteral("settingsTab") << QStringLiteral("webhooksTab");
    QTest::newRow("network") << QStringLiteral("settingsTab") << QStringLiteral("networkTab");
}

void TestWindowLayout::nothingIsClipped()
{
    QFETCH(QString, tab);
    QFETCH(QString, settingsTab);
    MainWindow window(m_database->get(), nullptr);
    window.resize(800, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), QSize(800, 600));
    auto* tabs = child<QTabWidget>(&window, "mainTabs");
    tabs->setCurrentWidget(child<QWidget>(&window, qPrintable(tab)));
    if (!settingsTab.isEmpty()) {
        child<QTabWidget>(&window, "settingsTabs")->setCurrentWidget(child<QWidget>(&window, qPrintable(settingsTab)));
    }
    for (int i = 0; i < 4; ++i) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    }

    auto* page = tabs->currentWidget();
    int checked = 0;
    QStringList problems;
    const auto check = [&problems](bool ok, const QString& problem) {
        if (!ok) {
            problems << problem;
        }
        return ok;
    };
    const auto widgets = page->findChildren<QWidget*>();
    for (auto* widget : widgets) {
        const bool field = qobject_cast<QLineEdit*>(widget) || qobject_cast<QComboBox*>(widget)
            || qobject_cast<QAbstractSpinBox*>(widget);
        const bool button = qobject_cast<QAbstractButton*>(widget) != nullptr;
        auto* label = qobject_cast<QLabel*>(widget);
        if ((!field && !button && !(label && !label->text().isEmpty())) || !widget->isVisible()
            || isPart(widget, page)) {
            continue;
        }
        ++checked;
        const QRect rect(widget->mapTo(&window, QPoint(0, 0)), widget->size());
        const auto what = describe(widget, rect);
        // Inside the window and inside every ancestor (a scroll area's viewport included): fully in view.
        if (!check(window.rect().contains(rect), what + QStringLiteral(" is outside the window"))) {
            continue;
        }
        for (auto* ancestor = widget->parentWidget(); ancestor && ancestor != &window;
             ancestor = ancestor->parentWidget()) {
            const QRect clip(ancestor->mapTo(&window, QPoint(0, 0)), ancestor->size());
            if (!check(clip.contains(rect), what + QStringLiteral(" is clipped by ") + describe(ancestor, clip))) {
                break;
            }
        }
        // Whole: buttons and one-line labels as wide as their text, wrapped labels as tall as their lines, fields
        // wide enough to read.
        if (button || qobject_cast<QComboBox*>(widget)) {
            check(widget->width() >= widget->sizeHint().width(), what + QStringLiteral(" is cut"));
        } else if (label && label->wordWrap()) {
            check(label->height() >= label->heightForWidth(label->width()), what + QStringLiteral(" is cut"));
        } else if (label) {
            check(label->width() >= label->sizeHint().width(), what + QStringLiteral(" is cut"));
        } else if (qobject_cast<QLineEdit*>(widget)) {
            check(widget->width() >= widget->fontMetrics().averageCharWidth() * 20,
                  what + QStringLiteral(" is too narrow"));
        }
    }
    QVERIFY(checked >= 4);

    // Tables: every column in view, so the short ones (role, date, state) are never cut off at the right.
    const auto views = page->findChildren<QTableView*>();
    for (auto* view : views) {
        if (view->isVisible() && view->model() && view->model()->columnCount() > 0) {
            check(view->horizontalHeader()->length() <= view->viewport()->width(),
                  view->objectName()
                      + QStringLiteral(": %1 px of columns in %2 px")
                            .arg(view->horizontalHeader()->length())
                            .arg(view->viewport()->width()));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestWindowLayout)
#include "TestWindowLayout.moc"

#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "webhooks/Endpoint.h"
#include "workers/WorkerRegistry.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSystemTrayIcon>

using GuiTest::child;

// Closing the window while it is the only process delivering, and the status bar's word on a delivery service. The
// close question is answered by the test; the notification area is made available by the test (the offscreen platform
// has none), and the variant without one is tested as the platform really is.
class TestCloseQuestion : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void cancelKeepsTheWindow();
    void quitAnywayCloses();
    void keepInTrayHidesAndKeepsDelivering();
    void withoutTrayOffersNoTray();
    void noQuestionWithoutPending();
    void noQuestionWhenAServiceRuns();
    void statusBarNamesTheServiceHost();
    void aboutSaysWhetherAServiceRuns();

private:
    std::unique_ptr<MainWindow> openWindow(bool tray);
    // Clicks the button of that name in the close question once it shows; records what the question said.
    void answerWith(const char* buttonName);
    // One pending notification that nothing sends: its endpoint is disabled.
    void createHeldNotification();
    // A live crochet-cli serve on host, as another process would announce it.
    void insertServiceRow(const QString& host);

    std::unique_ptr<GuiTest::TempDatabase> m_database;
    std::unique_ptr<DeliveryService> m_deliveries;
    QStringList m_questionButtons;
    QString m_questionText;
    bool m_answered = false;
};

void TestCloseQuestion::initTestCase()
{
    GuiTest::initApplication();
}

void TestCloseQuestion::init()
{
    QSettings().clear();
    m_database = std::make_unique<GuiTest::TempDatabase>();
    QVERIFY(m_database->open());
    m_deliveries = std::make_unique<DeliveryService>(m_database->get());
    m_questionButtons.clear();
    m_questionText.clear();
    m_answered = false;
}

void TestCloseQuestion::cleanup()
{
    m_deliveries.reset();
    m_database.reset();
    QApplication::setQuitOnLastWindowClosed(true);
}

std::unique_ptr<MainWindow> TestCloseQuestion::openWindow(bool tray)
{
    m_deliveries->start();
    auto window = std::make_unique<MainWindow>(m_database->get(), m_deliveries.get());
    window->setTrayAvailability([tray] { return tray; });
    window->show();
    return window;
}

void TestCloseQuestion::answerWith(const char* buttonName)
{
    QTimer::singleShot(0, this, [this, buttonName] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || box->objectName() != QLatin1String("closeQuestionDialog")) {
            qWarning("no close question");
            return;
        }
        m_questionText = box->text() + QLatin1Char(' ') + box->informativeText();
        const auto buttons = box->buttons();
        for (auto* button : buttons) {
            m_questionButtons << button->objectName();
        }
        auto* button = box->findChild<QPushButton*>(QLatin1String(buttonName));
        if (button) {
            m_answered = true;
            button->click();
        } else {
            box->reject();
        }
    });
}

void TestCloseQuestion::insertServiceRow(const QString& host)
{
    auto worker = WorkerRegistry::thisProcess(QStringLiteral("other-serve"), WorkerRegistry::serveProgram());
    worker.host = host;
    worker.pid = 4242;
    QVERIFY(WorkerRegistry(m_database->get()).announce(worker));
}

void TestCloseQuestion::createHeldNotification()
{
    QVERIFY(TestFixtures::setWebhookUrl(m_database->get(), QStringLiteral("http://127.0.0.1:9/hook")));
    QVERIFY(!TestFixtures::createNotifiedUser(m_database->get(), QStringLiteral("ada@example.com")).isEmpty());
    QVERIFY(TestFixtures::changeMainEndpoint(m_database->get(), [](Endpoint& endpoint) { endpoint.enabled = false; }));
    QCOMPARE(Outbox(m_database->get()).count(Outbox::State::Pending), 1);
}

void TestCloseQuestion::cancelKeepsTheWindow()
{
    createHeldNotification();
    auto window = openWindow(true);
    QTRY_VERIFY(child<QLabel>(window.get(), "deliveryCountsLabel")->text().startsWith(QStringLiteral("1 pending")));
    answerWith("cancelCloseButton");
    QVERIFY(!window->close());
    QVERIFY(m_answered);
    QVERIFY(window->isVisible());
    QCOMPARE(window->trayIcon(), nullptr);
    QVERIFY(
        m_questionText.contains(QStringLiteral("Notifications waiting to be delivered: 1. No other Crochet process")));
    QCOMPARE(m_questionButtons.size(), 3);
    QVERIFY(m_questionButtons.contains(QStringLiteral("keepInTrayButton")));
    QVERIFY(m_questionButtons.contains(QStringLiteral("quitAnywayButton")));
}

void TestCloseQuestion::quitAnywayCloses()
{
    createHeldNotification();
    auto window = openWindow(true);
    QTRY_VERIFY(child<QLabel>(window.get(), "deliveryCountsLabel")->text().startsWith(QStringLiteral("1 pending")));
    QSignalSpy quit(window.get(), &MainWindow::quitRequested);
    answerWith("quitAnywayButton");
    QVERIFY(window->close());
    QVERIFY(m_answered);
    QVERIFY(!window->isVisible());
    QCOMPARE(quit.size(), 1);
    // They wait for the next worker.
    QCOMPARE(Outbox(m_database->get()).count(Outbox::State::Pending), 1);
}

void TestCloseQuestion::keepInTrayHidesAndKeepsDelivering()
{
    createHeldNotification();
    auto window = openWindow(true);
    QTRY_VERIFY(child<QLabel>(window.get(), "deliveryCountsLabel")->text().startsWith(QStringLiteral("1 pending")));
    QSignalSpy quit(window.get(), &MainWindow::quitRequested);
    answerWith("keepInTrayButton");
    QVERIFY(!window->close());
    QVERIFY(m_answered);
    QVERIFY(!window->isVisible());
    QCOMPARE(quit.size(), 0);
    QVERIFY(!QApplication::quitOnLastWindowClosed());
    auto* tray = window->trayIcon();
    QVERIFY(tray);
    QCOMPARE(tray->objectName(), QStringLiteral("deliveryTrayIcon"));
    QCOMPARE(tray->toolTip(), QStringLiteral("Crochet: 1 pending, 0 failed"));
    auto* open = tray->contextMenu()->findChild<QAction*>(QStringLiteral("trayOpenAction"));
    auto* quitAction = tray->contextMenu()->findChild<QAction*>(QStringLiteral("trayQuitAction"));
    QVERIFY(open && quitAction);
    QCOMPARE(open->text(), QStringLiteral("Open"));
    QCOMPARE(quitAction->text(), QStringLiteral("Quit"));

    // Hidden, the window's process goes on delivering: the receiver appears, the notification goes.
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    QVERIFY(TestFixtures::changeMainEndpoint(m_database->get(), [&receiver](Endpoint& endpoint) {
        endpoint.url = receiver.url().toString();
        endpoint.enabled = true;
    }));
    m_deliveries->wake();
    QTRY_COMPARE_WITH_TIMEOUT(receiver.count(), 1, 10000);
    QTRY_COMPARE(tray->toolTip(), QStringLiteral("Crochet: 0 pending, 0 failed"));
    // Counts as the worker publishes them (failures also get a desktop notification, which the offscreen platform
    // cannot show).
    emit m_deliveries->countsChanged(3, 2);
    QCOMPARE(tray->toolTip(), QStringLiteral("Crochet: 3 pending, 2 failed"));

    open->trigger();
    QVERIFY(window->isVisible());
    QVERIFY(!tray->isVisible());
    window->hide();
    quitAction->trigger();
    QCOMPARE(quit.size(), 1);
    QVERIFY(!window->isVisible());
}

void TestCloseQuestion::withoutTrayOffersNoTray()
{
    createHeldNotification();
    auto window = openWindow(false);
    QTRY_VERIFY(child<QLabel>(window.get(), "deliveryCountsLabel")->text().startsWith(QStringLiteral("1 pending")));
    answerWith("cancelCloseButton");
    QVERIFY(!window->close());
    QVERIFY(m_answered);
    QCOMPARE(m_questionButtons.size(), 2);
    QVERIFY(!m_questionButtons.contains(QStringLiteral("keepInTrayButton")));
    QVERIFY(m_questionText.contains(QStringLiteral("systemctl --user enable --now crochet-delivery")));
    answerWith("quitAnywayButton");
    QVERIFY(window->close());
}

void TestCloseQuestion::noQuestionWithoutPending()
{
    auto window = openWindow(true);
    answerWith("cancelCloseButton");
    QVERIFY(window->close());
    QApplication::processEvents();
    QVERIFY(!m_answered);
}

void TestCloseQuestion::noQuestionWhenAServiceRuns()
{
    createHeldNotification();
    insertServiceRow(QStringLiteral("backup-host"));
    auto window = openWindow(true);
    QTRY_VERIFY(child<QLabel>(window.get(), "deliveryCountsLabel")->text().startsWith(QStringLiteral("1 pending")));
    answerWith("cancelCloseButton");
    QVERIFY(window->close());
    QApplication::processEvents();
    QVERIFY(!m_answered);
}

void TestCloseQuestion::statusBarNamesTheServiceHost()
{
    auto window = openWindow(true);
    auto* label = child<QLabel>(window.get(), "deliveryServiceLabel");
    QVERIFY(label);
    QVERIFY(!label->isVisible());

    insertServiceRow(QStringLiteral("backup-host"));
    window->refreshServiceStatus();
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("Delivery handled by the service on backup-host"));

    // A service not seen for a while died: the line goes.
    QSqlQuery stale(m_database->get()->connection());
    QVERIFY(stale.exec(QStringLiteral("UPDATE workers SET last_seen = 0 WHERE id = 'other-serve'")));
    window->refreshServiceStatus();
    QVERIFY(!label->isVisible());
}

void TestCloseQuestion::aboutSaysWhetherAServiceRuns()
{
    auto window = openWindow(true);
    window->showAbout();
    auto* about = child<QMessageBox>(window.get(), "aboutDialog");
    QVERIFY(about);
    QVERIFY(about->text().contains(QStringLiteral("Delivery service: not running")));
    about->close();
    QTRY_VERIFY(!window->findChild<QMessageBox*>(QStringLiteral("aboutDialog")));

    insertServiceRow(QStringLiteral("backup-host"));
    window->showAbout();
    about = child<QMessageBox>(window.get(), "aboutDialog");
    QVERIFY(about);
    QVERIFY(about->text().contains(QStringLiteral("Delivery service: running on backup-host.")));
    about->close();
}

QTEST_MAIN(TestCloseQuestion)
#include "TestCloseQuestion.moc"

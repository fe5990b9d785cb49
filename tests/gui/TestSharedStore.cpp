#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestFixtures.h"
#include "storage/Settings.h"
#include "webhooks/Endpoint.h"

#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using GuiTest::child;

// A team's PostgreSQL store: the window says it is shared, and what another desktop changes shows at once, through
// LISTEN/NOTIFY (no polling: the settings pages have no timer).
class TestSharedStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void windowNamesTheSharedStore();
    void otherDesktopsChangesShowAtOnce();
    void unsavedEditsAreKept();

private:
    std::unique_ptr<Database> openStore(const QString& location);

    QTemporaryDir m_dir;
};

void TestSharedStore::initTestCase()
{
    if (!TestFixtures::onPostgres()) {
        QSKIP("PostgreSQL only: SQLite has no notifications; this suite runs as TestSharedStore_pg");
    }
    GuiTest::initApplication();
}

std::unique_ptr<Database> TestSharedStore::openStore(const QString& location)
{
    auto database = std::make_unique<Database>(location);
    QString error;
    if (!database->open(&error)) {
        qWarning("cannot open %s: %s", qPrintable(database->describe()), qPrintable(error));
        return {};
    }
    return database;
}

void TestSharedStore::windowNamesTheSharedStore()
{
    const auto location = TestFixtures::databaseLocation(m_dir.filePath(QStringLiteral("names")));
    auto database = openStore(location);
    QVERIFY(database);
    MainWindow window(database.get(), nullptr);
    window.show();
    const auto* store = child<QLabel>(&window, "storeLabel");
    QCOMPARE(store->text(), QStringLiteral("Shared: %1").arg(database->describe()));
    QVERIFY(!store->text().contains(QLatin1String("password")));
    child<QTabWidget>(&window, "mainTabs")->setCurrentWidget(child<QWidget>(&window, "settingsTab"));
    QVERIFY(child<QLabel>(&window, "sharedSettingsLabel")->isVisible());
}

void TestSharedStore::otherDesktopsChangesShowAtOnce()
{
    const auto location = TestFixtures::databaseLocation(m_dir.filePath(QStringLiteral("changes")));
    auto mine = openStore(location);
    QVERIFY(mine);
    MainWindow window(mine.get(), nullptr);
    window.show();
    auto* table = child<QTableWidget>(&window, "endpointsTable");
    auto* proxy = child<QLineEdit>(&window, "proxyUrlEdit");
    const int endpointsBefore = table->rowCount();
    QCOMPARE(proxy->text(), QString());

    // Another administrator's Crochet: its own connections to the same database.
    auto theirs = openStore(location);
    QVERIFY(theirs);
    Endpoint audit;
    audit.name = QStringLiteral("Audit");
    audit.url = QStringLiteral("https://example.com/audit");
    QVERIFY(EndpointStore(theirs.get()).add(audit));
    QVERIFY(Settings(theirs.get()).set(Settings::Key::ProxyUrl, QStringLiteral("http://proxy.example.com:3128")));

    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), endpointsBefore + 1, 2000);
    QVERIFY(!table->findItems(QStringLiteral("Audit"), Qt::MatchExactly).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(proxy->text(), QStringLiteral("http://proxy.example.com:3128"), 2000);
}

void TestSharedStore::unsavedEditsAreKept()
{
    const auto location = TestFixtures::databaseLocation(m_dir.filePath(QStringLiteral("edits")));
    auto mine = openStore(location);
    QVERIFY(mine);
    MainWindow window(mine.get(), nullptr);
    window.show();
    auto* proxy = child<QLineEdit>(&window, "proxyUrlEdit");
    auto* table = child<QTableWidget>(&window, "endpointsTable");
    const int endpointsBefore = table->rowCount();
    proxy->setText(QStringLiteral("http://mine.example.com:3128"));

    auto theirs = openStore(location);
    QVERIFY(theirs);
    Endpoint audit;
    audit.name = QStringLiteral("Audit");
    audit.url = QStringLiteral("https://example.com/audit");
    QVERIFY(EndpointStore(theirs.get()).add(audit));
    QVERIFY(Settings(theirs.get()).set(Settings::Key::ProxyUrl, QStringLiteral("http://theirs.example.com:3128")));

    // The notification arrived (the endpoint shows); the field being edited was left alone.
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), endpointsBefore + 1, 2000);
    QCOMPARE(proxy->text(), QStringLiteral("http://mine.example.com:3128"));
}

QTEST_MAIN(TestSharedStore)
#include "TestSharedStore.moc"

#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestFixtures.h"
#include "storage/Settings.h"
#include "webhooks/Endpoint.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>

using GuiTest::child;

// Each settings page saves all its fields or none, says so, and then shows what is stored.
class TestSettingsSaving : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void publicPolicyWithNoHostsIsSaved();
    void failedNetworkSaveWritesNothing();
    void failedGeneralSaveWritesNothing();

private:
    std::unique_ptr<MainWindow> openSettings(int page);
    // Makes every write of this settings key fail, as a full disk or a constraint would.
    void refuseKey(const QString& key);

    std::unique_ptr<GuiTest::TempDatabase> m_database;
};

void TestSettingsSaving::initTestCase()
{
    GuiTest::initApplication();
}

void TestSettingsSaving::init()
{
    QSettings().clear();
    m_database = std::make_unique<GuiTest::TempDatabase>();
    QVERIFY(m_database->open());
}

void TestSettingsSaving::cleanup()
{
    m_database.reset();
}

std::unique_ptr<MainWindow> TestSettingsSaving::openSettings(int page)
{
    auto window = std::make_unique<MainWindow>(m_database->get(), nullptr);
    window->show();
    child<QTabWidget>(window.get(), "mainTabs")->setCurrentWidget(child<QWidget>(window.get(), "settingsTab"));
    child<QTabWidget>(window.get(), "settingsTabs")->setCurrentIndex(page);
    return window;
}

void TestSettingsSaving::refuseKey(const QString& key)
{
    QSqlQuery query(m_database->get()->connection());
    for (const auto* event : { "INSERT", "UPDATE" }) {
        QVERIFY(query.exec(QStringLiteral("CREATE TRIGGER refuse_%1 BEFORE %1 ON settings WHEN NEW.key = '%2' "
                                          "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
                               .arg(QLatin1String(event), key)));
    }
}

void TestSettingsSaving::publicPolicyWithNoHostsIsSaved()
{
    auto window = openSettings(2);
    auto* policy = child<QComboBox>(window.get(), "hostPolicyCombo");
    auto* proxy = child<QLineEdit>(window.get(), "proxyUrlEdit");
    auto* hosts = child<QLineEdit>(window.get(), "allowedHostsEdit");
    auto* save = child<QPushButton>(window.get(), "networkSaveButton");
    QCOMPARE(hosts->text(), QString());
    proxy->setText(QStringLiteral("http://proxy.example.com:3128"));
    policy->setCurrentIndex(policy->findData(QStringLiteral("public")));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);

    const Settings settings(m_database->get());
    QCOMPARE(settings.string(Settings::Key::ProxyUrl), QStringLiteral("http://proxy.example.com:3128"));
    QCOMPARE(settings.string(Settings::Key::HostPolicy), QStringLiteral("public"));
    QCOMPARE(settings.string(Settings::Key::AllowedHosts), QString());
    QCOMPARE(window->statusBar()->currentMessage(), QStringLiteral("Settings saved."));
    QVERIFY(!save->isEnabled());
    QCOMPARE(policy->currentData().toString(), QStringLiteral("public"));
    QVERIFY(!child<QLabel>(window.get(), "hostsMessageLabel")->text().contains(QLatin1String("could not")));

    // A window opened afterwards shows the same.
    auto again = openSettings(2);
    QCOMPARE(child<QComboBox>(again.get(), "hostPolicyCombo")->currentData().toString(), QStringLiteral("public"));
    QCOMPARE(child<QLineEdit>(again.get(), "proxyUrlEdit")->text(), QStringLiteral("http://proxy.example.com:3128"));
    QVERIFY(!child<QPushButton>(again.get(), "networkSaveButton")->isEnabled());
}

void TestSettingsSaving::failedNetworkSaveWritesNothing()
{
    {
        Settings settings(m_database->get());
        QVERIFY(settings.set(Settings::Key::ProxyUrl, QStringLiteral("http://stored.example.com:8080")));
    }
    refuseKey(QStringLiteral("network/allowed_hosts"));
    auto window = openSettings(2);
    auto* policy = child<QComboBox>(window.get(), "hostPolicyCombo");
    auto* proxy = child<QLineEdit>(window.get(), "proxyUrlEdit");
    auto* hosts = child<QLineEdit>(window.get(), "allowedHostsEdit");
    auto* save = child<QPushButton>(window.get(), "networkSaveButton");
    QCOMPARE(proxy->text(), QStringLiteral("http://stored.example.com:8080"));

    proxy->setText(QStringLiteral("http://typed.example.com:3128"));
    policy->setCurrentIndex(policy->findData(QStringLiteral("list")));
    hosts->setText(QStringLiteral("hooks.example.com"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);

    // Nothing was written: neither the proxy nor the policy.
    const Settings settings(m_database->get());
    QCOMPARE(settings.string(Settings::Key::ProxyUrl), QStringLiteral("http://stored.example.com:8080"));
    QCOMPARE(settings.string(Settings::Key::HostPolicy), QStringLiteral("any"));
    QCOMPARE(settings.string(Settings::Key::AllowedHosts), QString());
    // The page shows what is stored, says why, and the status bar does not claim success.
    QCOMPARE(proxy->text(), QStringLiteral("http://stored.example.com:8080"));
    QCOMPARE(policy->currentData().toString(), QStringLiteral("any"));
    QCOMPARE(hosts->text(), QString());
    QVERIFY(!save->isEnabled());
    QCOMPARE(child<QLabel>(window.get(), "hostsMessageLabel")->text(),
             QStringLiteral("The settings could not be written to the database; nothing was changed."));
    QCOMPARE(window->statusBar()->currentMessage(), QStringLiteral("The settings were not saved."));
}

void TestSettingsSaving::failedGeneralSaveWritesNothing()
{
    // The main endpoint's row cannot be changed.
    QSqlQuery query(m_database->get()->connection());
    QVERIFY(query.exec(QStringLiteral("CREATE TRIGGER refuse_endpoint BEFORE UPDATE ON endpoints "
                                      "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")));
    auto window = openSettings(0);
    auto* url = child<QLineEdit>(window.get(), "webhookUrlEdit");
    auto* timeout = child<QSpinBox>(window.get(), "timeoutSpin");
    auto* save = child<QPushButton>(window.get(), "saveButton");
    url->setText(QStringLiteral("https://hooks.example.com/abc"));
    timeout->setValue(42);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);

    const Settings settings(m_database->get());
    QCOMPARE(TestFixtures::webhookUrl(settings.database()), QString());
    QCOMPARE(EndpointStore(settings.database()).main().timeoutSeconds, 10);
    QCOMPARE(url->text(), QString());
    QCOMPARE(timeout->value(), 10);
    QCOMPARE(child<QLabel>(window.get(), "urlMessageLabel")->text(),
             QStringLiteral("The settings could not be written to the database; nothing was changed."));
    QCOMPARE(window->statusBar()->currentMessage(), QStringLiteral("The settings were not saved."));
}

QTEST_MAIN(TestSettingsSaving)
#include "TestSettingsSaving.moc"

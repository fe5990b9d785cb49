#include "GeneralSettingsWidget.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SettingsPage.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryResult.h"
#include "storage/Settings.h"
#include "webhooks/Endpoint.h"
#include "webhooks/PayloadFormat.h"
#include "webhooks/WebhookUrl.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeySequence>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

using GuiTest::child;

// Settings → General and Network, driven through the real window (the Webhooks page has TestWebhooksPage).
class TestGeneralSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void urlIsPersisted();
    void invalidUrlCannotBeSaved_data();
    void invalidUrlCannotBeSaved();
    void emptyUrlMeansNoWebhook();
    void autoFormatNamesTheDetectedFormat();
    void testButtonPostsUnsavedUrl();
    void testButtonReportsRefusedConnection();
    void testButtonGoneOnUnsavedUrl();
    void testResultShowsReceiverTextVisibly();
    void testCanBeCancelled();
    void environmentUrlIsAnotherEndpoint();
    void invalidEnvironmentUrlIsShown();
    void networkSettingsAreValidatedAndSaved();
    void testResultGoesWhenTheUrlChanges();
    void buttonsStayInPlaceWhileTyping();
    void testButtonHasAMnemonic();
    void deliveredTestLiftsAGoneMark();

private:
    std::unique_ptr<MainWindow> openWindow();
    void typeUrl(MainWindow* window, const QString& url);

    std::unique_ptr<GuiTest::TempDatabase> m_database;
};

void TestGeneralSettings::initTestCase()
{
    GuiTest::initApplication();
}

void TestGeneralSettings::init()
{
    QSettings().clear();
    m_database = std::make_unique<GuiTest::TempDatabase>();
    QVERIFY(m_database->open());
}

void TestGeneralSettings::cleanup()
{
    qunsetenv("WEBHOOK_URL");
    m_database.reset();
}

std::unique_ptr<MainWindow> TestGeneralSettings::openWindow()
{
    auto window = std::make_unique<MainWindow>(m_database->get(), nullptr);
    window->show();
    auto* tabs = child<QTabWidget>(window.get(), "mainTabs");
    tabs->setCurrentWidget(child<QWidget>(window.get(), "settingsTab"));
    return window;
}

void TestGeneralSettings::typeUrl(MainWindow* window, const QString& url)
{
    auto* edit = child<QLineEdit>(window, "webhookUrlEdit");
    edit->clear();
    QTest::keyClicks(edit, url);
}

void TestGeneralSettings::urlIsPersisted()
{
    const auto url = QStringLiteral("https://hooks.slack.com/services/T000/B000/XYZ");
    {
        auto window = openWindow();
        auto* save = child<QPushButton>(window.get(), "saveButton");
        QVERIFY(!save->isEnabled());
        typeUrl(window.get(), url);
        auto* format = child<QComboBox>(window.get(), "formatCombo");
        format->setCurrentIndex(format->findData(QStringLiteral("json")));
        child<QSpinBox>(window.get(), "timeoutSpin")->setValue(25);
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(!save->isEnabled());
    }

    const auto main = EndpointStore(m_database->get()).main();
    QCOMPARE(main.url, url);
    QCOMPARE(main.format, PayloadFormat::Json);
    QCOMPARE(main.timeoutSeconds, 25);

    auto window = openWindow();
    QCOMPARE(child<QLineEdit>(window.get(), "webhookUrlEdit")->text(), url);
    QCOMPARE(child<QComboBox>(window.get(), "formatCombo")->currentData().toString(), QStringLiteral("json"));
    QCOMPARE(child<QSpinBox>(window.get(), "timeoutSpin")->value(), 25);
    QVERIFY(!child<QPushButton>(window.get(), "saveButton")->isEnabled());
}

void TestGeneralSettings::invalidUrlCannotBeSaved_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("no scheme") << QStringLiteral("hooks.example.com/abc");
    QTest::newRow("ftp") << QStringLiteral("ftp://example.com/hook");
    QTest::newRow("space") << QStringLiteral("https://exa mple.com/hook");
    QTest::newRow("no host") << QStringLiteral("https:///hook");
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)");
}

void TestGeneralSettings::invalidUrlCannotBeSaved()
{
    QFETCH(QString, url);
    auto window = openWindow();
    typeUrl(window.get(), url);

    const auto check = WebhookUrl::validate(url);
    QCOMPARE(check.verdict, WebhookUrl::Verdict::Invalid);
    auto* message = child<QLabel>(window.get(), "urlMessageLabel");
    QCOMPARE(message->text(), check.message);
    QVERIFY(message->isVisible());
    QCOMPARE(message->property("feedback").toString(), QStringLiteral("error"));
    QVERIFY(!child<QPushButton>(window.get(), "saveButton")->isEnabled());
    QVERIFY(!child<QPushButton>(window.get(), "testButton")->isEnabled());

    // Enter does not save it either.
    QTest::keyClick(child<QLineEdit>(window.get(), "webhookUrlEdit"), Qt::Key_Return);
    QCOMPARE(TestFixtures::webhookUrl(m_database->get()), QString());

    typeUrl(window.get(), QStringLiteral("https://example.com/hook"));
    QVERIFY(!message->isVisible());
    QVERIFY(child<QPushButton>(window.get(), "saveButton")->isEnabled());
}

void TestGeneralSettings::emptyUrlMeansNoWebhook()
{
    TestFixtures::setWebhookUrl(m_database->get(), QStringLiteral("https://example.com/hook"));
    auto window = openWindow();
    child<QLineEdit>(window.get(), "webhookUrlEdit")->clear();

    auto* message = child<QLabel>(window.get(), "urlMessageLabel");
    QCOMPARE(message->property("feedback").toString(), QStringLiteral("info"));
    QVERIFY(!message->text().isEmpty());
    auto* save = child<QPushButton>(window.get(), "saveButton");
    QVERIFY(save->isEnabled());
    QVERIFY(!child<QPushButton>(window.get(), "testButton")->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(TestFixtures::webhookUrl(m_database->get()), QString());
    QCOMPARE(EndpointStore(m_database->get()).main().state(), Endpoint::State::NoUrl);
}

void TestGeneralSettings::autoFormatNamesTheDetectedFormat()
{
    auto window = openWindow();
    auto* format = child<QComboBox>(window.get(), "formatCombo");
    QCOMPARE(format->count(), PayloadFormat::all().size());
    for (int i = 0; i < format->count(); ++i) {
        const auto key = format->itemData(i).toString();
        QVERIFY(PayloadFormat::fromKey(key).has_value());
        QCOMPARE(format->itemText(i), PayloadFormat::displayName(*PayloadFormat::fromKey(key)));
    }
    QCOMPARE(format->currentData().toString(), QStringLiteral("auto"));

    auto* label = child<QLabel>(window.get(), "autoFormatLabel");
    typeUrl(window.get(), QStringLiteral("https://hooks.slack.com/services/T000/B000/XYZ"));
    QCOMPARE(
        label->text(),
        QStringLiteral("Auto uses the %1 format for this URL.").arg(PayloadFormat::displayName(PayloadFormat::Slack)));
    typeUrl(window.get(), QStringLiteral("https://discord.com/api/webhooks/1/abc"));
    QCOMPARE(label->text(),
             QStringLiteral("Auto uses the %1 format for this URL.")
                 .arg(PayloadFormat::displayName(PayloadFormat::Discord)));
    QVERIFY(label->isVisible());

    format->setCurrentIndex(format->findData(QStringLiteral("text")));
    QVERIFY(!label->isVisible());
}

void TestGeneralSettings::testButtonPostsUnsavedUrl()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(204);
    auto window = openWindow();
    typeUrl(window.get(), receiver.url().toString());

    auto* test = child<QPushButton>(window.get(), "testButton");
    auto* progress = child<QProgressBar>(window.get(), "testProgress");
    auto* result = child<QLabel>(window.get(), "testResultLabel");
    QVERIFY(test->isEnabled());
    QVERIFY(!progress->isVisible());
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(!test->isEnabled());
    QVERIFY(progress->isVisible());

    QTRY_COMPARE(receiver.count(), 1);
    const auto request = receiver.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/hook"));
    QVERIFY(!request.header("webhook-id").isEmpty());
    QVERIFY(!request.header("webhook-timestamp").isEmpty());
    QCOMPARE(request.header("content-type"), QByteArray("application/json"));
    const auto body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(QStringLiteral("event")).toString(), QStringLiteral("webhook.test"));

    QTRY_VERIFY(test->isEnabled());
    QVERIFY(!progress->isVisible());
    QVERIFY2(result->text().startsWith(QStringLiteral("Delivered: HTTP 204 in ")), qPrintable(result->text()));
    QCOMPARE(result->property("feedback").toString(), QStringLiteral("success"));
    // The test used the field's value; nothing was saved.
    QCOMPARE(TestFixtures::webhookUrl(m_database->get()), QString());
}

void TestGeneralSettings::testButtonGoneOnUnsavedUrl()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(410);
    auto window = openWindow();
    typeUrl(window.get(), receiver.url(QStringLiteral("/hook")).toString());
    auto* result = child<QLabel>(window.get(), "testResultLabel");
    QTest::mouseClick(child<QPushButton>(window.get(), "testButton"), Qt::LeftButton);
    // The URL was never saved: nothing is said about Crochet no longer sending to it.
    QTRY_COMPARE(result->text(),
                 QStringLiteral("HTTP 410: this webhook was deleted on the service. Create a new "
                                "webhook there and use its URL."));
    QCOMPARE(TestFixtures::webhookUrl(m_database->get()), QString());
}

void TestGeneralSettings::testButtonReportsRefusedConnection()
{
    quint16 closedPort = 0;
    {
        TestReceiver probe;
        QVERIFY(probe.listen());
        closedPort = probe.port();
    }
    auto window = openWindow();
    typeUrl(window.get(), QStringLiteral("http://127.0.0.1:%1/hook").arg(closedPort));
    auto* result = child<QLabel>(window.get(), "testResultLabel");
    QTest::mouseClick(child<QPushButton>(window.get(), "testButton"), Qt::LeftButton);

    DeliveryResult expected;
    expected.outcome = DeliveryResult::Outcome::ConnectionRefused;
    expected.host = QStringLiteral("127.0.0.1");
    QTRY_COMPARE(result->text(), expected.summary());
    QCOMPARE(result->property("feedback").toString(), QStringLiteral("error"));
    QVERIFY(child<QPushButton>(window.get(), "testButton")->isEnabled());
}

void TestGeneralSettings::testResultShowsReceiverTextVisibly()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    auto response = TestReceiver::status(302);
    response.headers = { { QByteArrayLiteral("Location"), QByteArrayLiteral("http://x/\x1b[31mred\xe2\x80\xae") } };
    receiver.setResponses({ response });
    auto window = openWindow();
    typeUrl(window.get(), receiver.url().toString());
    auto* result = child<QLabel>(window.get(), "testResultLabel");
    QTest::mouseClick(child<QPushButton>(window.get(), "testButton"), Qt::LeftButton);

    QTRY_VERIFY2(result->text().contains(QLatin1String("http://x/\\x1b[31mred\\u202e")), qPrintable(result->text()));
    QVERIFY(!result->text().contains(QChar(0x1b)));
    QVERIFY(!result->text().contains(QChar(0x202e)));
    QCOMPARE(result->property("feedback").toString(), QStringLiteral("error"));
}

void TestGeneralSettings::testCanBeCancelled()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    TestReceiver::Response silent;
    silent.behaviour = TestReceiver::Behaviour::NeverAnswer;
    receiver.setResponses({ silent });
    auto window = openWindow();
    typeUrl(window.get(), receiver.url().toString());

    auto* test = child<QPushButton>(window.get(), "testButton");
    auto* cancel = child<QPushButton>(window.get(), "testCancelButton");
    QVERIFY(!cancel->isVisible());
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_COMPARE(receiver.count(), 1);
    QVERIFY(cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);

    DeliveryResult cancelled;
    cancelled.outcome = DeliveryResult::Outcome::Cancelled;
    QTRY_COMPARE(child<QLabel>(window.get(), "testResultLabel")->text(), cancelled.summary());
    QVERIFY(test->isEnabled());
    QVERIFY(!cancel->isVisible());
    QVERIFY(!child<QProgressBar>(window.get(), "testProgress")->isVisible());
}

// WEBHOOK_URL is an endpoint of its own: the field keeps editing the main endpoint, and a notice says the variable's
// URL (masked) is notified too.
void TestGeneralSettings::environmentUrlIsAnotherEndpoint()
{
    TestFixtures::setWebhookUrl(m_database->get(), QStringLiteral("https://example.com/saved"));
    const auto secretUrl = QStringLiteral("https://discord.com/api/webhooks/123456/VerySecretToken");
    qputenv("WEBHOOK_URL", secretUrl.toUtf8());
    auto window = openWindow();

    auto* edit = child<QLineEdit>(window.get(), "webhookUrlEdit");
    QVERIFY(!edit->isReadOnly());
    QCOMPARE(edit->text(), QStringLiteral("https://example.com/saved"));
    auto* notice = child<QLabel>(window.get(), "environmentNoticeLabel");
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(QStringLiteral("WEBHOOK_URL")));
    QVERIFY(notice->text().contains(WebhookUrl::mask(secretUrl).toHtmlEscaped()));
    QVERIFY(!notice->text().contains(QStringLiteral("VerySecretToken")));

    child<QSpinBox>(window.get(), "timeoutSpin")->setValue(30);
    QTest::mouseClick(child<QPushButton>(window.get(), "saveButton"), Qt::LeftButton);
    const auto main = EndpointStore(m_database->get()).main();
    QCOMPARE(main.timeoutSeconds, 30);
    QCOMPARE(main.url, QStringLiteral("https://example.com/saved"));
    qunsetenv("WEBHOOK_URL");
}

void TestGeneralSettings::invalidEnvironmentUrlIsShown()
{
    qputenv("WEBHOOK_URL", "http://x/\r");
    auto window = openWindow();
    auto* notice = child<QLabel>(window.get(), "environmentNoticeLabel");
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(),
             QStringLiteral("The URL in WEBHOOK_URL is not valid: The URL must not contain control characters."));
    qunsetenv("WEBHOOK_URL");
}

void TestGeneralSettings::networkSettingsAreValidatedAndSaved()
{
    auto window = openWindow();
    child<QTabWidget>(window.get(), "settingsTabs")->setCurrentIndex(2);
    auto* save = child<QPushButton>(window.get(), "networkSaveButton");
    auto* proxy = child<QLineEdit>(window.get(), "proxyUrlEdit");
    auto* policy = child<QComboBox>(window.get(), "hostPolicyCombo");
    auto* hosts = child<QLineEdit>(window.get(), "allowedHostsEdit");
    auto* certificate = child<QLineEdit>(window.get(), "caCertificateEdit");
    QVERIFY(!save->isEnabled());
    QCOMPARE(policy->currentData().toString(), QStringLiteral("any"));
    QVERIFY(!hosts->isEnabled());

    QTest::keyClicks(proxy, QStringLiteral("not a proxy"));
    QVERIFY(!save->isEnabled());
    proxy->setText(QStringLiteral("http://proxy.example.com:3128"));
    QVERIFY(save->isEnabled());

    certificate->setText(m_database->path(QStringLiteral("missing.pem")));
    QVERIFY(!save->isEnabled());
    certificate->clear();

    policy->setCurrentIndex(policy->findData(QStringLiteral("list")));
    QVERIFY(hosts->isEnabled());
    QVERIFY(!save->isEnabled());
    hosts->setText(QStringLiteral("hooks.example.com, 10.0.0.0/8 *.example.org"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(!save->isEnabled());

    const Settings settings(m_database->get());
    QCOMPARE(settings.string(Settings::Key::ProxyUrl), QStringLiteral("http://proxy.example.com:3128"));
    QCOMPARE(settings.string(Settings::Key::HostPolicy), QStringLiteral("list"));
    QCOMPARE(settings.string(Settings::Key::AllowedHosts),
             QStringLiteral("hooks.example.com,10.0.0.0/8,*.example.org"));
    QCOMPARE(settings.string(Settings::Key::CaCertificateFile), QString());
}

// A result belongs to the URL it was sent to: changing the URL removes it.
void TestGeneralSettings::testResultGoesWhenTheUrlChanges()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(204);
    auto window = openWindow();
    auto* general = window->settingsPage()->general();
    QSignalSpy finished(general, &GeneralSettingsWidget::testFinished);
    typeUrl(window.get(), receiver.url().toString());
    QTest::mouseClick(child<QPushButton>(window.get(), "testButton"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    auto* result = child<QLabel>(window.get(), "testResultLabel");
    QVERIFY(result->isVisible());
    QVERIFY(result->text().contains(QStringLiteral("204")));

    QTest::keyClicks(child<QLineEdit>(window.get(), "webhookUrlEdit"), QStringLiteral("x"));
    QVERIFY(!result->isVisible());
    QCOMPARE(result->text(), QString());

    // A result that arrives after the URL changed is not shown under the new one.
    typeUrl(window.get(), receiver.url().toString());
    QTest::mouseClick(child<QPushButton>(window.get(), "testButton"), Qt::LeftButton);
    QTest::keyClicks(child<QLineEdit>(window.get(), "webhookUrlEdit"), QStringLiteral("y"));
    QVERIFY(finished.wait(30000));
    QVERIFY(!result->isVisible());
}

// The URL's message and the Auto hint keep their space, so Save and the test button never move while one types.
void TestGeneralSettings::buttonsStayInPlaceWhileTyping()
{
    auto window = openWindow();
    window->resize(800, 600);
    auto* edit = child<QLineEdit>(window.get(), "webhookUrlEdit");
    auto* save = child<QPushButton>(window.get(), "saveButton");
    auto* test = child<QPushButton>(window.get(), "testButton");
    const auto settle = [&window] {
        for (int i = 0; i < 4; ++i) {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        }
        Q_UNUSED(window)
    };
    const auto where = [&] {
        return QPair<QRect, QRect>(save->geometry(), test->geometry());
    };
    settle();
    const auto initial = where();
    auto* format = child<QComboBox>(window.get(), "formatCombo");
    // Typed one character at a time: an invalid URL, then a valid one, then the format away from Auto and back.
    for (const auto& text : { QStringLiteral("ftp:/x y"), QStringLiteral("https://hooks.slack.com/services/T/B/X") }) {
        edit->clear();
        settle();
        QCOMPARE(where(), initial);
        for (const auto ch : text) {
            QTest::keyClick(edit, ch.toLatin1());
            settle();
            QCOMPARE(where(), initial);
        }
    }
    QVERIFY(child<QLabel>(window.get(), "autoFormatLabel")->isVisible());
    format->setCurrentIndex(format->findData(QStringLiteral("json")));
    settle();
    QCOMPARE(where(), initial);
    format->setCurrentIndex(format->findData(QStringLiteral("auto")));
    settle();
    QCOMPARE(where(), initial);
}

void TestGeneralSettings::testButtonHasAMnemonic()
{
    auto window = openWindow();
    auto* test = child<QPushButton>(window.get(), "testButton");
    const auto mnemonic = QKeySequence::mnemonic(test->text());
    QVERIFY(!mnemonic.isEmpty());
    // No other mnemonic of the window as shown (tabs, menus, the General page) uses the same key.
    QStringList texts;
    for (auto* tabs : window->findChildren<QTabWidget*>()) {
        if (tabs->isVisible()) {
            for (int i = 0; i < tabs->count(); ++i) {
                texts << tabs->tabText(i);
            }
        }
    }
    for (auto* menu : window->findChildren<QMenu*>()) {
        texts << menu->title();
    }
    for (auto* button : window->findChildren<QAbstractButton*>()) {
        if (button != test && button->isVisible()) {
            texts << button->text();
        }
    }
    for (auto* label : window->findChildren<QLabel*>()) {
        if (label->isVisible() && label->buddy()) {
            texts << label->text();
        }
    }
    for (const auto& text : std::as_const(texts)) {
        QVERIFY2(QKeySequence::mnemonic(text) != mnemonic, qPrintable(text));
    }
    // Pages not shown do not count: the Webhooks page's Add button has Alt+A.
    QCOMPARE(QKeySequence::mnemonic(child<QPushButton>(window.get(), "addEndpointButton")->text()),
             QKeySequence(Qt::ALT | Qt::Key_A));
}

// A test notification delivered to a URL that once answered 410 means the webhook exists: delivery resumes.
void TestGeneralSettings::deliveredTestLiftsAGoneMark()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(204);
    const auto url = receiver.url().toString();
    QVERIFY(TestFixtures::setWebhookUrl(m_database->get(), url));
    EndpointStore endpoints(m_database->get());
    QVERIFY(endpoints.markGone(endpoints.main().id, url, QDateTime::currentDateTimeUtc()));
    QCOMPARE(endpoints.main().state(), Endpoint::State::Gone);
    auto window = openWindow();
    auto* warning = child<QLabel>(window.get(), "webhookWarningLabel");
    QVERIFY(warning->isVisible());
    QSignalSpy finished(window->settingsPage()->general(), &GeneralSettingsWidget::testFinished);
    QTest::mouseClick(child<QPushButton>(window.get(), "testButton"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(endpoints.main().state(), Endpoint::State::Active);
    QVERIFY(!warning->isVisible());
}

QTEST_MAIN(TestGeneralSettings)
#include "TestGeneralSettings.moc"

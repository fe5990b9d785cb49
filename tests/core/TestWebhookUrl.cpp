#include "storage/Database.h"
#include "storage/Settings.h"
#include "webhooks/Endpoint.h"
#include "webhooks/WebhookUrl.h"

#include <QTemporaryDir>
#include <QTest>

class TestWebhookUrl : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void reasons();
    void suggestsScheme_data();
    void suggestsScheme();
    void environmentAddsAnEndpoint();
    void mask_data();
    void mask();
};

void TestWebhookUrl::validate_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("verdict");

    const int valid = int(WebhookUrl::Verdict::Valid);
    const int invalid = int(WebhookUrl::Verdict::Invalid);
    QTest::newRow("discord") << QStringLiteral("https://discord.com/api/webhooks/123/abc-DEF_9") << valid;
    QTest::newRow("slack") << QStringLiteral("https://hooks.slack.com/services/T0/B0/XyZ") << valid;
    QTest::newRow("http with port") << QStringLiteral("http://127.0.0.1:8080/hook") << valid;
    QTest::newRow("ipv6") << QStringLiteral("http://[::1]:9000/hook") << valid;
    QTest::newRow("query") << QStringLiteral("https://example.com/h?token=a%20b&x=1") << valid;
    QTest::newRow("idn") << QStringLiteral("https://exämple.fr/hook") << valid;
    QTest::newRow("empty") << QString() << int(WebhookUrl::Verdict::Empty);
    QTest::newRow("no scheme") << QStringLiteral("discord.com/api/webhooks/1/a") << invalid;
    QTest::newRow("ftp") << QStringLiteral("ftp://example.com/hook") << invalid;
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << invalid;
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << invalid;
    QTest::newRow("no host") << QStringLiteral("https:///path") << invalid;
    QTest::newRow("space") << QStringLiteral("https://example.com/a b") << invalid;
    QTest::newRow("leading space") << QStringLiteral(" https://example.com/") << invalid;
    QTest::newRow("tab") << QStringLiteral("https://example.com/\t") << invalid;
    QTest::newRow("newline injection") << QStringLiteral("https://example.com/\r\nX-Evil: 1") << invalid;
    QTest::newRow("nul") << QStringLiteral("https://example.com/%1").arg(QChar(0)) << invalid;
    QTest::newRow("rtl override") << QStringLiteral("https://example.com/%1gpj").arg(QChar(0x202E)) << invalid;
    QTest::newRow("bad port") << QStringLiteral("https://example.com:99999/") << invalid;
    QTest::newRow("bad percent") << QStringLiteral("https://example.com/%zz") << invalid;
    QTest::newRow("bad host chars") << QStringLiteral("https://exa<mple.com/") << invalid;
    QTest::newRow("trailing carriage return") << QStringLiteral("http://x/\r") << invalid;
    QTest::newRow("user and password") << QStringLiteral("https://user:pw@example.com/hook") << invalid;
    QTest::newRow("user only") << QStringLiteral("https://user@example.com/hook") << invalid;
}

void TestWebhookUrl::reasons()
{
    QCOMPARE(WebhookUrl::validate(QStringLiteral("http://x/\r")).message,
             QStringLiteral("The URL must not contain control characters."));
    QVERIFY(
        WebhookUrl::validate(QStringLiteral("https://u:p@example.com/")).message.contains(QLatin1String("password")));
}

void TestWebhookUrl::validate()
{
    QFETCH(QString, url);
    QFETCH(int, verdict);
    const auto check = WebhookUrl::validate(url);
    QCOMPARE(int(check.verdict), verdict);
    QCOMPARE(check.message.isEmpty(), verdict == int(WebhookUrl::Verdict::Valid));
    if (check.isValid()) {
        QVERIFY(check.url.isValid());
        QVERIFY(!check.url.host().isEmpty());
    }
}

void TestWebhookUrl::suggestsScheme_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    const auto didYouMean = [](const QString& suggestion) {
        return QStringLiteral("The URL must start with https:// or http://: did you mean %1?").arg(suggestion);
    };
    QTest::newRow("localhost and port") << QStringLiteral("localhost:18001")
                                        << didYouMean(QStringLiteral("http://localhost:18001"));
    QTest::newRow("address and path") << QStringLiteral("10.0.0.5/hook")
                                      << didYouMean(QStringLiteral("http://10.0.0.5/hook"));
    QTest::newRow("public name") << QStringLiteral("discord.com/api/webhooks/1/a")
                                 << didYouMean(QStringLiteral("https://discord.com/api/webhooks/1/a"));
    QTest::newRow("long, capped") << QStringLiteral("hooks.example.com/") + QString(100, QLatin1Char('a'))
                                  << didYouMean(QStringLiteral("https://hooks.example.com/")
                                                + QString(33, QLatin1Char('a')) + QChar(0x2026));
    // While "https://" is being typed, no odd suggestion.
    QTest::newRow("typing https:") << QStringLiteral("https:")
                                   << QStringLiteral("The URL must name a host, as in https://example.com/hook.");
    QTest::newRow("mailto") << QStringLiteral("mailto:ada@example.com")
                            << QStringLiteral("Only http and https URLs are supported, not \"mailto\".");
}

void TestWebhookUrl::suggestsScheme()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    const auto check = WebhookUrl::validate(url);
    QCOMPARE(int(check.verdict), int(WebhookUrl::Verdict::Invalid));
    QCOMPARE(check.message, message);
}

// WEBHOOK_URL adds an endpoint of its own, read-only, subscribed to new accounts; the saved main endpoint stays.
void TestWebhookUrl::environmentAddsAnEndpoint()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY(database.open());
    EndpointStore store(&database);

    qunsetenv("WEBHOOK_URL");
    QVERIFY(!EndpointStore::environment());
    QCOMPARE(store.list().size(), 1);
    QVERIFY(store.list().constFirst().main);

    QVERIFY(store.update(store.main().id, [](Endpoint& endpoint) {
        endpoint.url = QStringLiteral("https://saved.example/hook");
        return true;
    }));
    qputenv("WEBHOOK_URL", "https://env.example/hook");
    const auto endpoints = store.list();
    QCOMPARE(endpoints.size(), 2);
    QCOMPARE(endpoints.at(0).url, QStringLiteral("https://saved.example/hook"));
    const auto& fromEnvironment = endpoints.at(1);
    QCOMPARE(fromEnvironment.id, Endpoint::EnvironmentId);
    QCOMPARE(fromEnvironment.name, QStringLiteral("WEBHOOK_URL"));
    QCOMPARE(fromEnvironment.url, QStringLiteral("https://env.example/hook"));
    QCOMPARE(fromEnvironment.events, QList<Event> { Event::UserCreated });
    QCOMPARE(fromEnvironment.format, PayloadFormat::Auto);
    QVERIFY(fromEnvironment.isReadOnly());
    QVERIFY(!store.update(Endpoint::EnvironmentId, [](Endpoint&) { return true; }));
    QCOMPARE(EndpointStore::subscribers(database.connection(), Event::UserCreated).size(), 2);
    QCOMPARE(EndpointStore::subscribers(database.connection(), Event::UserDeleted).size(), 0);

    // Set but empty does not count, unlike Open WebUI's PersistentConfig surprises.
    qputenv("WEBHOOK_URL", "");
    QVERIFY(!EndpointStore::environment());
    qunsetenv("WEBHOOK_URL");
}

void TestWebhookUrl::mask_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("masked");
    QTest::newRow("discord") << QStringLiteral("https://discord.com/api/webhooks/123456/SECRETTOKENabcd")
                             << QStringLiteral("https://discord.com/…abcd");
    QTest::newRow("query token") << QStringLiteral("https://example.com/hook?token=s3cr3t9876")
                                 << QStringLiteral("https://example.com/…9876");
    QTest::newRow("user info") << QStringLiteral("https://user:pw@example.com:8443/x/yz12")
                               << QStringLiteral("https://example.com:8443/…yz12");
    QTest::newRow("bare host") << QStringLiteral("http://127.0.0.1:8080/") << QStringLiteral("http://127.0.0.1:8080");
    QTest::newRow("empty") << QString() << QString();
}

void TestWebhookUrl::mask()
{
    QFETCH(QString, url);
    QFETCH(QString, masked);
    QCOMPARE(WebhookUrl::mask(url), masked);
    if (url.contains(QLatin1String("SECRET"))) {
        QVERIFY(!WebhookUrl::mask(url).contains(QLatin1String("SECRET")));
    }
}

QTEST_GUILESS_MAIN(TestWebhookUrl)
#include "TestWebhookUrl.moc"

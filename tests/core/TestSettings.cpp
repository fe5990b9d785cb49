#include "Database.h"
#include "Settings.h"
#include "WebhookConfig.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void persistsAcrossConnections();
    void emitsChanged();
    void headersRoundTrip();
    void configSnapshot();
};

void TestSettings::defaults()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("s.sqlite")));
    QVERIFY(database.open());
    Settings settings(&database);
    QCOMPARE(settings.string(Settings::Key::WebhookUrl), QString());
    QCOMPARE(settings.string(Settings::Key::PayloadFormat), QStringLiteral("auto"));
    QCOMPARE(settings.integer(Settings::Key::TimeoutSeconds), 10);
    QCOMPARE(settings.integer(Settings::Key::HistoryRetentionDays), 30);
}

void TestSettings::persistsAcrossConnections()
{
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("s.sqlite"));
    {
        Database database(path);
        QVERIFY(database.open());
        Settings settings(&database);
        QVERIFY(settings.set(Settings::Key::WebhookUrl, QStringLiteral("https://example.com/h")));
        QVERIFY(settings.set(Settings::Key::TimeoutSeconds, 25));
    }
    Database database(path);
    QVERIFY(database.open());
    Settings settings(&database);
    QCOMPARE(settings.string(Settings::Key::WebhookUrl), QStringLiteral("https://example.com/h"));
    QCOMPARE(settings.get(Settings::Key::TimeoutSeconds), QVariant(25));
    QVERIFY(settings.reset(Settings::Key::TimeoutSeconds));
    QCOMPARE(settings.integer(Settings::Key::TimeoutSeconds), 10);
}

void TestSettings::emitsChanged()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("s.sqlite")));
    QVERIFY(database.open());
    Settings settings(&database);
    QSignalSpy spy(&settings, &Settings::changed);
    settings.set(Settings::Key::PayloadFormat, QStringLiteral("slack"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().value<Settings::Key>(), Settings::Key::PayloadFormat);
}

void TestSettings::headersRoundTrip()
{
    const HeaderList headers { { "Authorization", "Bearer abc\"def" }, { "X-Team", "crochet é" } };
    QCOMPARE(WebhookConfig::parseHeaders(WebhookConfig::serializeHeaders(headers)), headers);
    QCOMPARE(WebhookConfig::parseHeaders(QStringLiteral("not json")), HeaderList());
}

void TestSettings::configSnapshot()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("s.sqlite")));
    QVERIFY(database.open());
    Settings settings(&database);
    settings.set(Settings::Key::WebhookUrl, QStringLiteral("https://hooks.slack.com/services/T/B/X"));
    settings.set(Settings::Key::TimeoutSeconds, 0);
    settings.set(Settings::Key::CustomHeaders,
                 WebhookConfig::serializeHeaders({ { "Authorization", "Bearer secret-token" } }));
    const auto config = WebhookConfig::load(settings);
    QCOMPARE(config.timeoutSeconds, 1); // bounded
    QCOMPARE(int(config.shape(QUrl(config.url.url))), int(PayloadFormat::Shape::Slack));
    const auto request = config.request(Notification::test(), QUrl(config.url.url));
    const auto described = WebhookConfig::describeHeaders(request.headers, request.payload.contentType);
    QVERIFY(described.contains(QStringLiteral("Authorization: ••••")));
    QVERIFY(!described.contains(QLatin1String("secret-token")));
    QVERIFY(described.contains(QLatin1String("webhook-id: ")));
}

QTEST_GUILESS_MAIN(TestSettings)
#include "TestSettings.moc"

#include "TestFixtures.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "webhooks/Endpoint.h"
#include "webhooks/WebhookConfig.h"

#include <QSignalSpy>
#include <QSqlQuery>
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
    void emptyValueIsStoredEmpty();
    void batchIsAllOrNothing();
    void changedFollowsTheCommit();
    void updateReadsInsideTheTransaction();
};

void TestSettings::defaults()
{
    QTemporaryDir dir;
    Database database(TestFixtures::databaseLocation(dir.filePath(QStringLiteral("s.sqlite"))));
    QVERIFY(database.open());
    Settings settings(&database);
    QCOMPARE(settings.string(Settings::Key::ProxyUrl), QString());
    QCOMPARE(settings.string(Settings::Key::HostPolicy), QStringLiteral("any"));
    QCOMPARE(settings.integer(Settings::Key::HistoryRetentionDays), 30);
}

void TestSettings::persistsAcrossConnections()
{
    QTemporaryDir dir;
    const auto path = TestFixtures::databaseLocation(dir.filePath(QStringLiteral("s.sqlite")));
    {
        Database database(path);
        QVERIFY(database.open());
        Settings settings(&database);
        QVERIFY(settings.set(Settings::Key::ProxyUrl, QStringLiteral("http://proxy.example:3128")));
        QVERIFY(settings.set(Settings::Key::HistoryRetentionDays, 25));
    }
    Database database(path);
    QVERIFY(database.open());
    Settings settings(&database);
    QCOMPARE(settings.string(Settings::Key::ProxyUrl), QStringLiteral("http://proxy.example:3128"));
    QCOMPARE(settings.get(Settings::Key::HistoryRetentionDays), QVariant(25));
    QVERIFY(settings.reset(Settings::Key::HistoryRetentionDays));
    QCOMPARE(settings.integer(Settings::Key::HistoryRetentionDays), 30);
}

void TestSettings::emitsChanged()
{
    QTemporaryDir dir;
    Database database(TestFixtures::databaseLocation(dir.filePath(QStringLiteral("s.sqlite"))));
    QVERIFY(database.open());
    Settings settings(&database);
    QSignalSpy spy(&settings, &Settings::changed);
    settings.set(Settings::Key::HostPolicy, QStringLiteral("public"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().value<Settings::Key>(), Settings::Key::HostPolicy);
}

void TestSettings::headersRoundTrip()
{
    const HeaderList headers { { "Authorization", "Bearer abc\"def" }, { "X-Team", "crochet é" } };
    QCOMPARE(WebhookConfig::parseHeaders(WebhookConfig::serializeHeaders(headers)), headers);
    QCOMPARE(WebhookConfig::parseHeaders(QStringLiteral("not json")), HeaderList());
}

void TestSettings::configSnapshot()
{
    Endpoint endpoint;
    endpoint.url = QStringLiteral("https://hooks.slack.com/services/T/B/X");
    endpoint.timeoutSeconds = 0;
    endpoint.headers = { { "Authorization", "Bearer secret-token" } };
    const auto config = WebhookConfig::forEndpoint(endpoint, {});
    QCOMPARE(config.timeoutSeconds, 1); // bounded
    QCOMPARE(int(config.shape(QUrl(config.url))), int(PayloadFormat::Shape::Slack));
    const auto request = config.request(Notification::test(), QUrl(config.url));
    const auto described = WebhookConfig::describeHeaders(request.headers, request.payload.contentType);
    QVERIFY(described.contains(QStringLiteral("Authorization: ••••")));
    QVERIFY(!described.contains(QLatin1String("secret-token")));
    QVERIFY(described.contains(QLatin1String("webhook-id: ")));
}

void TestSettings::emptyValueIsStoredEmpty()
{
    // An empty host list joins to a null QString, which used to be bound as SQL NULL (NOT NULL constraint failed).
    QTemporaryDir dir;
    Database database(TestFixtures::databaseLocation(dir.filePath(QStringLiteral("s.sqlite"))));
    QVERIFY(database.open());
    Settings settings(&database);
    QVERIFY(settings.set(Settings::Key::AllowedHosts, QStringList().join(QLatin1Char(','))));
    QVERIFY(settings.set(Settings::Key::ProxyUrl, QVariant()));
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'network/allowed_hosts'")));
    QVERIFY(query.next());
    QVERIFY(!query.isNull(0));
    QCOMPARE(query.value(0).toString(), QString());
    QCOMPARE(settings.string(Settings::Key::ProxyUrl), QString());
}

void TestSettings::batchIsAllOrNothing()
{
    QTemporaryDir dir;
    Database database(TestFixtures::databaseLocation(dir.filePath(QStringLiteral("s.sqlite"))));
    QVERIFY(database.open());
    Settings settings(&database);
    QVERIFY(settings.set(Settings::Key::ProxyUrl, QStringLiteral("http://old-proxy:3128")));
    QSqlQuery query(database.connection());
    // The last key of the batch cannot be written.
    QVERIFY(TestFixtures::refuseInserts(database.connection(), QStringLiteral("settings"),
                                        QStringLiteral("NEW.key = 'network/allowed_hosts'")));
    QSignalSpy spy(&settings, &Settings::changed);
    const bool ok = settings.apply(Settings::Batch()
                                       .set(Settings::Key::ProxyUrl, QStringLiteral("http://new-proxy:3128"))
                                       .set(Settings::Key::HostPolicy, QStringLiteral("public"))
                                       .set(Settings::Key::AllowedHosts, QStringLiteral("example.com")));
    QVERIFY(!ok);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(settings.string(Settings::Key::ProxyUrl), QStringLiteral("http://old-proxy:3128"));
    QCOMPARE(settings.string(Settings::Key::HostPolicy), QStringLiteral("any"));
    QVERIFY(query.exec(QStringLiteral("SELECT key FROM settings ORDER BY key")));
    QStringList keys;
    while (query.next()) {
        keys << query.value(0).toString();
    }
    QCOMPARE(keys, QStringList { QStringLiteral("network/proxy_url") });

    // A reset in a failing batch is undone too.
    QVERIFY(!settings.apply(Settings::Batch()
                                .reset(Settings::Key::ProxyUrl)
                                .set(Settings::Key::AllowedHosts, QStringLiteral("example.com"))));
    QCOMPARE(settings.string(Settings::Key::ProxyUrl), QStringLiteral("http://old-proxy:3128"));

    QVERIFY(TestFixtures::allowInserts(database.connection(), QStringLiteral("settings")));
    QVERIFY(settings.apply(Settings::Batch()
                               .set(Settings::Key::ProxyUrl, QStringLiteral("http://new-proxy:3128"))
                               .set(Settings::Key::HostPolicy, QStringLiteral("public"))
                               .set(Settings::Key::AllowedHosts, QString())));
    QCOMPARE(spy.count(), 3);
    QCOMPARE(settings.string(Settings::Key::ProxyUrl), QStringLiteral("http://new-proxy:3128"));
    QCOMPARE(settings.string(Settings::Key::HostPolicy), QStringLiteral("public"));
}

void TestSettings::changedFollowsTheCommit()
{
    QTemporaryDir dir;
    const auto path = TestFixtures::databaseLocation(dir.filePath(QStringLiteral("s.sqlite")));
    Database database(path);
    QVERIFY(database.open());
    Database other(path); // another connection sees only what is committed
    QVERIFY(other.open());
    Settings settings(&database);
    const Settings otherSettings(&other);
    QStringList seen;
    connect(&settings, &Settings::changed, this, [&](Settings::Key key) { seen << otherSettings.string(key); });
    QVERIFY(settings.apply(Settings::Batch()
                               .set(Settings::Key::ProxyUrl, QStringLiteral("http://proxy.example:3128"))
                               .set(Settings::Key::HostPolicy, QStringLiteral("public"))));
    QCOMPARE(seen, (QStringList { QStringLiteral("http://proxy.example:3128"), QStringLiteral("public") }));
}

void TestSettings::updateReadsInsideTheTransaction()
{
    QTemporaryDir dir;
    Database database(TestFixtures::databaseLocation(dir.filePath(QStringLiteral("s.sqlite"))));
    QVERIFY(database.open());
    Settings settings(&database);
    QVERIFY(settings.set(Settings::Key::HistoryRetentionDays, 10));
    QVERIFY(settings.update([&settings](Settings::Batch& changes) {
        changes.set(Settings::Key::HistoryRetentionDays, settings.integer(Settings::Key::HistoryRetentionDays) + 5);
        return true;
    }));
    QCOMPARE(settings.integer(Settings::Key::HistoryRetentionDays), 15);
    // Refusing from build() writes nothing.
    QVERIFY(!settings.update([](Settings::Batch& changes) {
        changes.set(Settings::Key::HistoryRetentionDays, 99);
        return false;
    }));
    QCOMPARE(settings.integer(Settings::Key::HistoryRetentionDays), 15);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "TestSettings.moc"

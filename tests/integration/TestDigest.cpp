#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "users/UserStore.h"
#include "webhooks/DigestBuilder.h"
#include "webhooks/Endpoint.h"
#include "webhooks/PayloadBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Issue 11: a digest endpoint sends the notifications falling due within its window as one message listing the
// accounts, each notification linked to the attempt that carried it.
class TestDigest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void groupsWithinTheWindowAndLinksEachNotification();
    void aLoneAccountGoesAtOnce();
    void redeliveryResendsOneAccountAlone();
    void jsonKeepsOneRequestPerEventUnlessDigestIsChosen();
    void failedDigestRetriesAllItsNotifications();

private:
    qint64 addEndpoint(const QString& name, const QUrl& url, PayloadFormat::Format format,
                       std::optional<bool> digest = std::nullopt, int windowSeconds = 1);
    QStringList createAccounts(const QStringList& names);
    QList<NotificationRow> notifications(qint64 endpointId) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

namespace {

QString contentOf(const TestReceiver::Request& request)
{
    return QJsonDocument::fromJson(request.body).object().value(QStringLiteral("content")).toString();
}

// The names a Discord digest lists ("3 new users signed up: Ana, Bo, Cy"); a single message's one name.
QStringList namesIn(const QString& content)
{
    const auto colon = content.indexOf(QLatin1String(": "));
    return content.mid(colon + 2).split(QStringLiteral(", "));
}

} // namespace

void TestDigest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("d.sqlite"))));
    QVERIFY(m_database->open());
}

void TestDigest::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

qint64 TestDigest::addEndpoint(const QString& name, const QUrl& url, PayloadFormat::Format format,
                               std::optional<bool> digest, int windowSeconds)
{
    Endpoint endpoint;
    endpoint.name = name;
    endpoint.url = url.toString();
    endpoint.format = format;
    endpoint.digest = digest;
    endpoint.digestWindowSeconds = windowSeconds;
    return EndpointStore(m_database.get()).add(endpoint) ? endpoint.id : -1;
}

QStringList TestDigest::createAccounts(const QStringList& names)
{
    UserStore store(m_database.get());
    QStringList ids;
    for (const auto& name : names) {
        NewUser user;
        user.name = name;
        user.email = QStringLiteral("u%1@example.com").arg(store.count() + 1);
        user.role = Role::Pending;
        const auto created = store.create(user, {});
        if (!created.ok) {
            qWarning() << "could not create" << name;
        }
        for (const auto& notification : created.notifications) {
            ids << notification.id;
        }
    }
    return ids;
}

QList<NotificationRow> TestDigest::notifications(qint64 endpointId) const
{
    return Outbox(m_database.get()).list(Outbox::Filter { std::nullopt, endpointId, {} }, 10000);
}

void TestDigest::groupsWithinTheWindowAndLinksEachNotification()
{
    TestReceiver discord;
    QVERIFY(discord.listen());
    discord.setStatus(204);
    // The format's default: on for Discord.
    const auto id = addEndpoint(QStringLiteral("Discord"), discord.url(QStringLiteral("/api/webhooks/1/token")),
                                PayloadFormat::Discord);
    QVERIFY(id > 0);
    // Long names: more than Discord's 2,000 characters in all, so the digest takes several messages.
    QStringList names;
    for (int i = 0; i < 60; ++i) {
        names << QStringLiteral("User %1 %2").arg(i, 2, 10, QLatin1Char('0')).arg(QString(32, QLatin1Char('x')));
    }
    createAccounts(names);
    QList<Notification> expected;
    for (const auto& name : names) {
        UserRecord user;
        user.name = name;
        expected << Notification::forEvent(Event::UserCreated, user);
    }
    const auto messages = DigestBuilder::compose(expected, PayloadFormat::Shape::Discord);
    QVERIFY(messages.size() >= 2);

    DeliveryService deliveries(m_database.get());
    deliveries.start();
    QTRY_COMPARE_WITH_TIMEOUT(Outbox(m_database.get()).count(Outbox::State::Delivered), int(names.size()), 20000);
    QCOMPARE(discord.count(), int(messages.size()));

    // Each request is one digest: its webhook-id links every notification it listed, which shows its body.
    const Outbox outbox(m_database.get());
    QHash<QString, QString> idOfName;
    for (const auto& row : notifications(id)) {
        idOfName.insert(row.userName, row.id);
    }
    QStringList announced;
    for (const auto& request : discord.requests()) {
        const auto listed = namesIn(contentOf(request));
        const auto webhookId = QString::fromUtf8(request.header("webhook-id"));
        QVERIFY(listed.size() >= 2);
        for (const auto& name : listed) {
            const auto attempts = outbox.attempts(idOfName.value(name));
            QCOMPARE(attempts.size(), 1);
            QCOMPARE(attempts.first().digestId, webhookId);
            QCOMPARE(attempts.first().digestSize, int(listed.size()));
            QCOMPARE(attempts.first().requestBody, QString::fromUtf8(request.body));
            QCOMPARE(attempts.first().status, 204);
            QVERIFY(attempts.first().digestSummary().startsWith(
                QStringLiteral("Sent in a digest of %1 with ").arg(listed.size())));
            QVERIFY(!attempts.first().digestOthers.contains(name));
        }
        announced += listed;
    }
    QCOMPARE(announced, names);

    // One falling due after the digest went goes in the next request.
    const auto late = createAccounts({ QStringLiteral("Late") });
    deliveries.wake();
    QTRY_COMPARE_WITH_TIMEOUT(discord.count(), int(messages.size()) + 1, 10000);
    QCOMPARE(contentOf(discord.requests().last()), QStringLiteral("New user signed up: Late"));
    QTRY_COMPARE(outbox.find(late.first())->state, QStringLiteral("delivered"));
    QCOMPARE(outbox.attempts(late.first()).first().digestId, QString());
}

void TestDigest::aLoneAccountGoesAtOnce()
{
    TestReceiver discord;
    QVERIFY(discord.listen());
    discord.setStatus(204);
    // The longest window: a lone account does not wait for it.
    QVERIFY(addEndpoint(QStringLiteral("Discord"), discord.url(QStringLiteral("/api/webhooks/1/token")),
                        PayloadFormat::Discord, true, Endpoint::MaximumDigestWindowSeconds)
            > 0);
    const auto endpointId = EndpointStore(m_database.get()).findByName(QStringLiteral("Discord"))->id;
    {
        DeliveryService deliveries(m_database.get());
        deliveries.start();
        createAccounts({ QStringLiteral("Ana") });
        deliveries.wake();
        QTRY_COMPARE_WITH_TIMEOUT(discord.count(), 1, 5000);
        QCOMPARE(contentOf(discord.requests().first()), QStringLiteral("New user signed up: Ana"));
        QTRY_COMPARE(Outbox(m_database.get()).count(Outbox::State::Delivered), 1);
    }
    // A second one within the window of a send waits for the window (quiet: false); alone after a quiet window, it
    // goes at once.
    createAccounts({ QStringLiteral("Bo") });
    Outbox outbox(m_database.get());
    const qint64 windowMs = Endpoint::MaximumDigestWindowSeconds * 1000LL;
    const auto before = QDateTime::currentDateTimeUtc();
    auto claim = outbox.claimDigest(QStringLiteral("test"), endpointId, 10, 100, 60000, windowMs, false);
    QVERIFY(claim.singles.isEmpty());
    QVERIFY(claim.group.isEmpty());
    QVERIFY(claim.readyAt.isValid());
    QVERIFY(claim.readyAt > before.addSecs(Endpoint::MaximumDigestWindowSeconds - 5));
    claim = outbox.claimDigest(QStringLiteral("test"), endpointId, 10, 100, 60000, windowMs, true);
    QCOMPARE(claim.singles.size(), 1);
    QVERIFY(claim.group.isEmpty());
    // Two due: the window, quiet or not.
    QCOMPARE(outbox.unclaim(QStringLiteral("test"), { claim.singles.first().notification.id }), 1);
    createAccounts({ QStringLiteral("Cy") });
    claim = outbox.claimDigest(QStringLiteral("test"), endpointId, 10, 100, 60000, windowMs, true);
    QVERIFY(claim.singles.isEmpty() && claim.group.isEmpty());
    QVERIFY(claim.readyAt.isValid());
    // Once the oldest has waited the window (here 0 ms), both go as a group, read whole.
    claim = outbox.claimDigest(QStringLiteral("test"), endpointId, 10, 100, 60000, 0, false);
    QCOMPARE(claim.group.size(), 2);
    QCOMPARE(claim.group.at(0).notification.user->name, QStringLiteral("Bo"));
    QCOMPARE(claim.group.at(1).notification.user->name, QStringLiteral("Cy"));
}

void TestDigest::redeliveryResendsOneAccountAlone()
{
    TestReceiver slack;
    QVERIFY(slack.listen());
    slack.setStatus(200);
    const auto id = addEndpoint(QStringLiteral("Slack"), slack.url(), PayloadFormat::Slack);
    const auto ids = createAccounts({ QStringLiteral("Ana"), QStringLiteral("<!channel>"), QStringLiteral("Cy") });
    DeliveryService deliveries(m_database.get());
    deliveries.start();
    QTRY_COMPARE_WITH_TIMEOUT(Outbox(m_database.get()).count(Outbox::State::Delivered), 3, 10000);
    QCOMPARE(slack.count(), 1);
    QCOMPARE(QJsonDocument::fromJson(slack.requests().first().body).object().value(QStringLiteral("text")).toString(),
             QStringLiteral("3 new users signed up: Ana, &lt;!channel&gt;, Cy"));

    // Redeliver (the Deliveries page, "deliveries retry ID"): that account's own message, not the digest.
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.retry(ids.at(1)), 1);
    deliveries.wake();
    QTRY_COMPARE_WITH_TIMEOUT(slack.count(), 2, 10000);
    QCOMPARE(QJsonDocument::fromJson(slack.requests().last().body).object().value(QStringLiteral("text")).toString(),
             QStringLiteral("New user signed up: &lt;!channel&gt;"));
    QCOMPARE(slack.requests().last().header("webhook-id"), ids.at(1).toUtf8());
    QTRY_COMPARE(outbox.attempts(ids.at(1)).size(), 2);
    QCOMPARE(outbox.attempts(ids.at(1)).last().digestId, QString());
    QCOMPARE(outbox.attempts(ids.at(0)).size(), 1);
    QCOMPARE(notifications(id).size(), 3);
}

void TestDigest::jsonKeepsOneRequestPerEventUnlessDigestIsChosen()
{
    TestReceiver plain;
    QVERIFY(plain.listen());
    plain.setStatus(204);
    TestReceiver grouped;
    QVERIFY(grouped.listen());
    grouped.setStatus(204);
    QVERIFY(addEndpoint(QStringLiteral("Plain"), plain.url(), PayloadFormat::Auto) > 0);
    QVERIFY(addEndpoint(QStringLiteral("Grouped"), grouped.url(), PayloadFormat::Json, true) > 0);
    createAccounts({ QStringLiteral("Ana"), QStringLiteral("Bo"), QStringLiteral("Cy") });
    DeliveryService deliveries(m_database.get());
    deliveries.start();
    QTRY_COMPARE_WITH_TIMEOUT(Outbox(m_database.get()).count(Outbox::State::Delivered), 6, 10000);
    QCOMPARE(plain.count(), 3);
    for (const auto& request : plain.requests()) {
        QVERIFY(QJsonDocument::fromJson(request.body).object().contains(QStringLiteral("user")));
    }
    QCOMPARE(grouped.count(), 1);
    const auto digest = QJsonDocument::fromJson(grouped.requests().first().body).object();
    QCOMPARE(digest.value(QStringLiteral("count")).toInt(), 3);
    QCOMPARE(digest.value(QStringLiteral("users")).toArray().size(), 3);
    QCOMPARE(digest.value(QStringLiteral("message")).toString(), QStringLiteral("3 new users signed up: Ana, Bo, Cy"));
}

void TestDigest::failedDigestRetriesAllItsNotifications()
{
    TestReceiver discord;
    QVERIFY(discord.listen());
    discord.setResponses({ TestReceiver::status(500), TestReceiver::status(204) });
    const auto id = addEndpoint(QStringLiteral("Discord"), discord.url(QStringLiteral("/api/webhooks/1/token")),
                                PayloadFormat::Discord);
    const auto ids = createAccounts({ QStringLiteral("Ana"), QStringLiteral("Bo"), QStringLiteral("Cy") });
    DeliveryService deliveries(m_database.get());
    deliveries.start();
    QTRY_COMPARE_WITH_TIMEOUT(Outbox(m_database.get()).count(Outbox::State::Delivered), 3, 20000);
    QCOMPARE(discord.count(), 2);
    const Outbox outbox(m_database.get());
    QString failedDigest;
    for (const auto& notificationId : ids) {
        const auto attempts = outbox.attempts(notificationId);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).status, 500);
        QCOMPARE(attempts.at(0).digestSize, 3);
        QCOMPARE(attempts.at(0).digestId, QString::fromUtf8(discord.requests().at(0).header("webhook-id")));
        QCOMPARE(attempts.at(1).status, 204);
        QCOMPARE(attempts.at(1).digestId, QString::fromUtf8(discord.requests().at(1).header("webhook-id")));
        QVERIFY(attempts.at(0).digestId != attempts.at(1).digestId);
    }
    QCOMPARE(notifications(id).size(), 3);
}

QTEST_GUILESS_MAIN(TestDigest)
#include "TestDigest.moc"

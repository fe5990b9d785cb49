#include "TestFixtures.h"
#include "outbox/DeliveryHold.h"
#include "outbox/EventWriter.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "text/Translations.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookUrl.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Endpoints as stored, what each may be, the fan-out of an event to the subscribed ones, and the upgrade that turns an
// older database's webhook into the main endpoint.
class TestEndpoints : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void newDatabaseHasOnlyTheMainEndpoint();
    void invalidEndpointsAreRefused_data();
    void invalidEndpointsAreRefused();
    void namesAreUniqueWhateverTheCase();
    void mainAndEnvironmentCannotBeRemoved();
    void removingFailsItsPendingNotifications();
    void goneLastsUntilTheUrlChangesOrItIsEnabled();
    void secretRotationKeepsThePreviousOneADay();
    void eventsFanOutToSubscribedEndpoints();
    void fanOutIsOneTransaction();
    void eachEndpointHasItsOwnMessage();
    void schemaThreeWebhookBecomesTheMainEndpoint();
    void mainEndpointIsNamedInTheLanguageOfTheUpgrade();

private:
    Endpoint addEndpoint(const QString& name, const QString& url, const QList<Event>& events,
                         PayloadFormat::Format format = PayloadFormat::Json);
    NewUser newUser(const QString& name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestEndpoints::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("e.sqlite"))));
    QVERIFY(m_database->open());
}

void TestEndpoints::cleanup()
{
    m_database.reset();
    m_dir.reset();
    qunsetenv("WEBHOOK_URL");
}

Endpoint TestEndpoints::addEndpoint(const QString& name, const QString& url, const QList<Event>& events,
                                    PayloadFormat::Format format)
{
    Endpoint endpoint;
    endpoint.name = name;
    endpoint.url = url;
    endpoint.events = events;
    endpoint.format = format;
    QString error;
    if (!EndpointStore(m_database.get()).add(endpoint, &error)) {
        qWarning() << "cannot add" << name << error;
    }
    return endpoint;
}

NewUser TestEndpoints::newUser(const QString& name) const
{
    NewUser user;
    user.name = name;
    user.email = name.toLower() + QStringLiteral("@example.com");
    user.role = Role::Pending;
    return user;
}

void TestEndpoints::newDatabaseHasOnlyTheMainEndpoint()
{
    const auto endpoints = EndpointStore(m_database.get()).list();
    QCOMPARE(endpoints.size(), 1);
    const auto& main = endpoints.first();
    QVERIFY(main.main);
    QCOMPARE(main.name, QStringLiteral("Main"));
    QCOMPARE(main.url, QString());
    QCOMPARE(main.state(), Endpoint::State::NoUrl);
    QCOMPARE(main.events, QList<Event> { Event::UserCreated });
    QCOMPARE(main.timeoutSeconds, Endpoint::DefaultTimeoutSeconds);
    // Without a URL it receives nothing: an account is created without a notification.
    const auto created = UserStore(m_database.get()).create(newUser(QStringLiteral("Ann")), {});
    QVERIFY(created.ok);
    QCOMPARE(created.notifications.size(), 0);
    QCOMPARE(Outbox(m_database.get()).count(std::nullopt), 0);
}

void TestEndpoints::invalidEndpointsAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("timeout");
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("messageTemplate");
    QTest::addColumn<QString>("message");
    const auto url = QStringLiteral("https://example.com/hook");
    QTest::newRow("no name") << QStringLiteral("  ") << url << 10 << QString() << QString()
                             << QStringLiteral("The endpoint needs a name.");
    QTest::newRow("reserved name") << QStringLiteral("webhook_url") << url << 10 << QString() << QString()
                                   << QStringLiteral("The name WEBHOOK_URL is kept for the endpoint the environment "
                                                     "variable adds.");
    QTest::newRow("no url") << QStringLiteral("Ops") << QString() << 10 << QString() << QString()
                            << WebhookUrl::validate(QString()).message;
    QTest::newRow("timeout") << QStringLiteral("Ops") << url << 301 << QString() << QString()
                             << QStringLiteral("The timeout must be between 1 and 300 seconds.");
    QTest::newRow("header") << QStringLiteral("Ops") << url << 10 << QStringLiteral("Host") << QString()
                            << WebhookConfig::headerProblem(QStringLiteral("Host"), QStringLiteral("x"));
    QTest::newRow("template") << QStringLiteral("Ops") << url << 10 << QString() << QStringLiteral("Hi {nom}")
                              << QStringLiteral("The message for \"Account created\": Unknown placeholder {nom}: use "
                                                "{name}, {email}, {role}, {id}, {created_at}, {changes}, {event}, or "
                                                "{{ and }} for braces of their own.");
}

void TestEndpoints::invalidEndpointsAreRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(int, timeout);
    QFETCH(QString, header);
    QFETCH(QString, messageTemplate);
    QFETCH(QString, message);
    Endpoint endpoint;
    endpoint.name = name;
    endpoint.url = url;
    endpoint.timeoutSeconds = timeout;
    if (!header.isEmpty()) {
        endpoint.headers = { { header.toLatin1(), QByteArrayLiteral("x") } };
    }
    if (!messageTemplate.isEmpty()) {
        endpoint.templates.insert(Event::UserCreated, messageTemplate);
    }
    EndpointStore store(m_database.get());
    QSignalSpy changed(&store, &EndpointStore::changed);
    QString error;
    QVERIFY(!store.add(endpoint, &error));
    QCOMPARE(error, message);
    QCOMPARE(store.list().size(), 1);
    QCOMPARE(changed.count(), 0);
}

void TestEndpoints::namesAreUniqueWhateverTheCase()
{
    EndpointStore store(m_database.get());
    const auto ops = addEndpoint(QStringLiteral("Ops"), QStringLiteral("https://example.com/a"), {});
    QVERIFY(ops.id > 0);
    Endpoint other;
    other.name = QStringLiteral(" OPS ");
    other.url = QStringLiteral("https://example.com/b");
    QString error;
    QVERIFY(!store.add(other, &error));
    QCOMPARE(error, QStringLiteral("An endpoint named \"OPS\" already exists."));
    // Renaming onto another's name is refused too; nothing is written.
    const auto audit = addEndpoint(QStringLiteral("Audit"), QStringLiteral("https://example.com/c"), {});
    QVERIFY(!store.update(
        audit.id,
        [](Endpoint& endpoint) {
            endpoint.name = QStringLiteral("ops");
            return true;
        },
        &error));
    QCOMPARE(error, QStringLiteral("An endpoint named \"ops\" already exists."));
    QCOMPARE(store.find(audit.id)->name, QStringLiteral("Audit"));
    QCOMPARE(store.findByName(QStringLiteral("AUDIT"))->id, audit.id);
    // The main endpoint first, then the others by name.
    const auto names = [&store] {
        QStringList list;
        for (const auto& endpoint : store.list()) {
            list << endpoint.name;
        }
        return list;
    }();
    QCOMPARE(names, (QStringList { QStringLiteral("Main"), QStringLiteral("Audit"), QStringLiteral("Ops") }));
}

void TestEndpoints::mainAndEnvironmentCannotBeRemoved()
{
    EndpointStore store(m_database.get());
    QString error;
    QVERIFY(!store.remove(store.main().id, &error));
    QCOMPARE(error,
             QStringLiteral("The main endpoint cannot be removed: clear its URL in Settings → General to stop "
                            "it."));
    qputenv("WEBHOOK_URL", "https://env.example/hook");
    QVERIFY(!store.remove(Endpoint::EnvironmentId, &error));
    QVERIFY(error.contains(QStringLiteral("WEBHOOK_URL")));
    QCOMPARE(store.list().size(), 2);
}

void TestEndpoints::removingFailsItsPendingNotifications()
{
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), QStringLiteral("http://127.0.0.1:9/main")));
    const auto ops =
        addEndpoint(QStringLiteral("Ops"), QStringLiteral("http://127.0.0.1:9/ops"), { Event::UserCreated });
    const auto created = UserStore(m_database.get()).create(newUser(QStringLiteral("Ann")), {});
    QCOMPARE(created.notifications.size(), 2);
    EndpointStore store(m_database.get());
    QVERIFY(store.remove(ops.id));
    QVERIFY(!store.find(ops.id));
    Outbox outbox(m_database.get());
    // The main endpoint's notification still waits; Ops's failed, saying why, and stays in the history.
    QCOMPARE(outbox.count(Outbox::State::Pending), 1);
    const auto failed = outbox.list(Outbox::State::Failed, 10);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().endpointId, ops.id);
    QCOMPARE(failed.first().lastResultText(), QStringLiteral("Not sent: its endpoint was removed."));
    QCOMPARE(DeliveryHold::load(m_database.get()).endpointName(ops.id), QStringLiteral("(removed)"));
}

void TestEndpoints::goneLastsUntilTheUrlChangesOrItIsEnabled()
{
    EndpointStore store(m_database.get());
    const auto url = QStringLiteral("https://example.com/gone");
    const auto ops = addEndpoint(QStringLiteral("Ops"), url, { Event::UserCreated });
    // A 410 for a URL it no longer has changes nothing.
    QVERIFY(!store.markGone(ops.id, QStringLiteral("https://example.com/old"), QDateTime::currentDateTimeUtc()));
    QCOMPARE(store.find(ops.id)->state(), Endpoint::State::Active);

    QVERIFY(store.markGone(ops.id, url, QDateTime::currentDateTimeUtc()));
    auto gone = *store.find(ops.id);
    QCOMPARE(gone.state(), Endpoint::State::Gone);
    QVERIFY(!gone.isSending());
    QVERIFY(gone.receivesEvents());
    QCOMPARE(Endpoint::stateDisplayName(gone.state()), QStringLiteral("Disabled after HTTP 410"));
    QVERIFY(DeliveryHold::load(m_database.get()).reason(ops.id).contains(QStringLiteral("410")));
    // Other edits keep it gone.
    QVERIFY(store.update(ops.id, [](Endpoint& endpoint) {
        endpoint.timeoutSeconds = 20;
        return true;
    }));
    QCOMPARE(store.find(ops.id)->state(), Endpoint::State::Gone);
    // A new URL lifts it.
    QVERIFY(store.update(ops.id, [](Endpoint& endpoint) {
        endpoint.url = QStringLiteral("https://example.com/new");
        return true;
    }));
    QCOMPARE(store.find(ops.id)->state(), Endpoint::State::Active);
    // So does enabling it again after a 410 (and after disabling it).
    QVERIFY(store.markGone(ops.id, QStringLiteral("https://example.com/new"), QDateTime::currentDateTimeUtc()));
    QVERIFY(store.update(ops.id, [](Endpoint& endpoint) {
        endpoint.enabled = false;
        return true;
    }));
    QVERIFY(store.update(ops.id, [](Endpoint& endpoint) {
        endpoint.enabled = true;
        return true;
    }));
    QCOMPARE(store.find(ops.id)->state(), Endpoint::State::Active);
}

void TestEndpoints::secretRotationKeepsThePreviousOneADay()
{
    Endpoint endpoint;
    const auto now = QDateTime::currentDateTimeUtc();
    endpoint.rotateSecret(now);
    const auto first = endpoint.signingSecret;
    QVERIFY(Signature::isValidSecret(first));
    QVERIFY(endpoint.previousSigningSecret.isEmpty());
    endpoint.rotateSecret(now);
    QVERIFY(endpoint.signingSecret != first);
    QCOMPARE(endpoint.previousSigningSecret, first);
    QCOMPARE(endpoint.previousSecretExpiresAt, now.addSecs(24 * 3600));
    QVERIFY(endpoint.previousSecretSigns(now.addSecs(24 * 3600 - 1)));
    QVERIFY(!endpoint.previousSecretSigns(now.addSecs(24 * 3600)));
    endpoint.clearSecret();
    QVERIFY(endpoint.signingSecret.isEmpty() && endpoint.previousSigningSecret.isEmpty());
}

void TestEndpoints::eventsFanOutToSubscribedEndpoints()
{
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), QStringLiteral("http://127.0.0.1:9/main")));
    const auto ops = addEndpoint(QStringLiteral("Ops"), QStringLiteral("http://127.0.0.1:9/ops"),
                                 { Event::UserCreated, Event::UserDeleted }, PayloadFormat::Slack);
    const auto audit =
        addEndpoint(QStringLiteral("Audit"), QStringLiteral("http://127.0.0.1:9/audit"), Events::subscribable());
    const auto deletions = addEndpoint(QStringLiteral("Deletions"), QStringLiteral("http://127.0.0.1:9/deletions"),
                                       { Event::UserDeleted });
    QVERIFY(EndpointStore(m_database.get()).update(audit.id, [](Endpoint& endpoint) {
        endpoint.enabled = false; // a disabled endpoint is told nothing
        return true;
    }));
    qputenv("WEBHOOK_URL", "http://127.0.0.1:9/env");

    const auto created = UserStore(m_database.get()).create(newUser(QStringLiteral("Ann")), {});
    QVERIFY(created.ok);
    QSet<qint64> endpoints;
    QSet<QString> ids;
    for (const auto& notification : created.notifications) {
        endpoints.insert(notification.endpointId);
        ids.insert(notification.id);
        QCOMPARE(notification.event, Event::UserCreated);
    }
    const auto mainId = EndpointStore(m_database.get()).main().id;
    QCOMPARE(endpoints, (QSet<qint64> { mainId, ops.id, Endpoint::EnvironmentId }));
    QCOMPARE(ids.size(), 3); // each its own webhook-id
    Q_UNUSED(deletions)

    // Each body is rendered for its endpoint's format.
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT endpoint_id, shape FROM notifications ORDER BY endpoint_id")));
    QStringList shapes;
    while (query.next()) {
        shapes << query.value(0).toString() + QLatin1Char('=') + query.value(1).toString();
    }
    QCOMPARE(shapes,
             (QStringList { QStringLiteral("0=json"), QStringLiteral("%1=json").arg(mainId),
                            QStringLiteral("%1=slack").arg(ops.id) }));

    // An event nobody subscribes to writes nothing.
    EventWriter writer(m_database->connection());
    QVERIFY(!writer.hasSubscribers(Event::UserPasswordReset));
    QVERIFY(writer.hasSubscribers(Event::UserDeleted));
    const auto none = writer.write(Notification::forEvent(Event::UserPasswordReset, created.user));
    QVERIFY(none.has_value());
    QCOMPARE(none->size(), 0);
    const auto deleted = writer.write(Notification::forEvent(Event::UserDeleted, created.user));
    QVERIFY(deleted.has_value());
    QCOMPARE(deleted->size(), 2); // Ops and Deletions
}

void TestEndpoints::fanOutIsOneTransaction()
{
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), QStringLiteral("http://127.0.0.1:9/main")));
    const auto ops =
        addEndpoint(QStringLiteral("Ops"), QStringLiteral("http://127.0.0.1:9/ops"), { Event::UserCreated });
    // The second endpoint's notification cannot be written: neither the account nor the first notification stays.
    QVERIFY(TestFixtures::refuseInserts(m_database->connection(), QStringLiteral("notifications"),
                                        QStringLiteral("NEW.endpoint_id = %1").arg(ops.id)));
    UserStore store(m_database.get());
    const auto created = store.create(newUser(QStringLiteral("Ann")), {});
    QVERIFY(!created.ok);
    QCOMPARE(created.error, QStringLiteral("Cannot record the account's notification; the account was not created."));
    QCOMPARE(store.count(), 0);
    QCOMPARE(Outbox(m_database.get()).count(std::nullopt), 0);
}

void TestEndpoints::eachEndpointHasItsOwnMessage()
{
    QVERIFY(TestFixtures::changeMainEndpoint(m_database.get(), [](Endpoint& endpoint) {
        endpoint.url = QStringLiteral("http://127.0.0.1:9/main");
        endpoint.format = PayloadFormat::PlainText;
        endpoint.templates.insert(Event::UserCreated, QStringLiteral("Welcome {name} <{email}> as {role}"));
    }));
    auto ops = addEndpoint(QStringLiteral("Ops"), QStringLiteral("http://127.0.0.1:9/ops"), { Event::UserCreated },
                           PayloadFormat::PlainText);
    auto user = newUser(QStringLiteral("Ann"));
    user.role = Role::Pending;
    const auto created = UserStore(m_database.get()).create(user, {});
    QCOMPARE(created.notifications.size(), 2);
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT endpoint_id, body FROM notifications")));
    QHash<qint64, QString> bodies;
    while (query.next()) {
        bodies.insert(query.value(0).toLongLong(), query.value(1).toString());
    }
    QCOMPARE(bodies.value(EndpointStore(m_database.get()).main().id),
             QStringLiteral("Welcome Ann <ann@example.com> as Pending"));
    QCOMPARE(bodies.value(ops.id), QStringLiteral("New user signed up: Ann"));
}

void TestEndpoints::schemaThreeWebhookBecomesTheMainEndpoint()
{
    // Written by Crochet 0.1: a JSON webhook with a 5 s timeout, a signing secret and an Authorization header; Ada and
    // Zoé delivered, Bob pending.
    const auto path = m_dir->filePath(QStringLiteral("old.sqlite"));
    QVERIFY(TestFixtures::copyDataFile(QStringLiteral("schema3.sqlite"), path));
    Database database(path);
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    const auto endpoints = EndpointStore(&database).list();
    QCOMPARE(endpoints.size(), 1);
    const auto& main = endpoints.first();
    QVERIFY(main.main);
    QCOMPARE(main.name, QStringLiteral("Main"));
    QCOMPARE(main.url, QStringLiteral("http://127.0.0.1:18777/hook/fixture-token-1234"));
    QCOMPARE(main.format, PayloadFormat::Json);
    QCOMPARE(main.timeoutSeconds, 5);
    QCOMPARE(main.signingSecret, QStringLiteral("whsec_xyD/gqElF0KlgyG2w4DPyjtXyJRsfhP4s33F8RxgEVg="));
    QCOMPARE(main.headers, (HeaderList { { "Authorization", "Bearer fixture-secret" } }));
    QCOMPARE(main.events, QList<Event> { Event::UserCreated });
    QCOMPARE(main.state(), Endpoint::State::Active);

    // Its history is the main endpoint's.
    Outbox outbox(&database);
    const auto rows = outbox.list(std::nullopt, 10);
    QCOMPARE(rows.size(), 3);
    for (const auto& row : rows) {
        QCOMPARE(row.endpointId, main.id);
    }
    QCOMPARE(outbox.count(Outbox::State::Delivered), 2);
    QCOMPARE(outbox.attempts(QStringLiteral("a43f514a-196c-4f54-9df1-2a3e116a3a66")).size(), 1);
    QCOMPARE(outbox.pendingByEndpoint(), (QHash<qint64, int> { { main.id, 1 } }));

    // The settings no longer hold the webhook.
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key LIKE 'webhook/%'")) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    // Old accounts can be searched.
    QVERIFY(query.exec(QStringLiteral("SELECT search_key FROM users WHERE name = 'Zoé'")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("zoe\nzoe@example.fr"));
}

void TestEndpoints::mainEndpointIsNamedInTheLanguageOfTheUpgrade()
{
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    const auto path = m_dir->filePath(QStringLiteral("old.sqlite"));
    QVERIFY(TestFixtures::copyDataFile(QStringLiteral("schema3.sqlite"), path));
    Database database(path);
    const bool opened = database.open();
    const auto main = EndpointStore(&database).main();
    Translations::install(QStringLiteral("en"));
    QVERIFY(opened);
    QCOMPARE(main.name, QStringLiteral("Principal"));
}

QTEST_GUILESS_MAIN(TestEndpoints)
#include "TestEndpoints.moc"

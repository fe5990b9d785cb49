#include "TestFixtures.h"
#include "outbox/Notification.h"
#include "storage/Database.h"
#include "users/PasswordHasher.h"
#include "users/UserRules.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"
#include "webhooks/PayloadBuilder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Editing, resetting, disabling, enabling and deleting an account: each change and its notifications are written in
// one transaction, to exactly the endpoints subscribed to the event, with the payload the issue describes.
class TestUserLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void findsByIdOrEmail();
    void updateNotifiesEachChangedField();
    void updateWithoutChangeWritesNothing();
    void updateFollowsTheCreationRules_data();
    void updateFollowsTheCreationRules();
    void passwordResetCarriesNoSecret();
    void disableAndEnable();
    void deletionKeepsTheLastValues();
    void failureHalfWayLeavesNothing_data();
    void failureHalfWayLeavesNothing();
    void onlySubscribedEndpointsAreNotified();

private:
    UserRecord createAccount(const QString& name, const QString& email, Role role = Role::User);
    // The JSON body stored for the notification, as it will be sent.
    QJsonObject body(const QString& notificationId) const;
    int count(const QString& sql) const;
    QByteArray everythingStored() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    qint64 m_lifecycleEndpoint = -1; // subscribed to every account event, JSON
    qint64 m_createdOnlyEndpoint = -1; // subscribed to user.created only
};

void TestUserLifecycle::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("u.sqlite"))));
    QVERIFY(m_database->open());
    QVERIFY(TestFixtures::changeMainEndpoint(m_database.get(), [](Endpoint& endpoint) {
        endpoint.url = QStringLiteral("http://127.0.0.1:9/every-event");
        endpoint.format = PayloadFormat::Json;
        endpoint.events = Events::subscribable();
    }));
    m_lifecycleEndpoint = EndpointStore(m_database.get()).main().id;
    Endpoint other;
    other.name = QStringLiteral("Created only");
    other.url = QStringLiteral("http://127.0.0.1:9/created");
    other.format = PayloadFormat::Json;
    QString error;
    QVERIFY2(EndpointStore(m_database.get()).add(other, &error), qPrintable(error));
    QCOMPARE(other.events, QList<Event> { Event::UserCreated });
    m_createdOnlyEndpoint = other.id;
}

void TestUserLifecycle::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

UserRecord TestUserLifecycle::createAccount(const QString& name, const QString& email, Role role)
{
    NewUser user;
    user.name = name;
    user.email = email;
    user.role = role;
    user.password = QStringLiteral("correct horse");
    user.confirmation = user.password;
    // A cheap stand-in hash: these tests are about what is written, not Argon2id.
    const auto created = UserStore(m_database.get()).create(user, QByteArrayLiteral("$argon2id$v=19$stand-in"));
    if (!created.ok) {
        qWarning() << created.error;
    }
    return created.user;
}

QJsonObject TestUserLifecycle::body(const QString& notificationId) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT body FROM notifications WHERE id = ?"));
    query.addBindValue(notificationId);
    if (!query.exec() || !query.next()) {
        return {};
    }
    return QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
}

int TestUserLifecycle::count(const QString& sql) const
{
    QSqlQuery query(m_database->connection());
    return query.exec(sql) && query.next() ? query.value(0).toInt() : -1;
}

QByteArray TestUserLifecycle::everythingStored() const
{
    QSqlQuery query(m_database->connection());
    query.exec(QStringLiteral("SELECT event, payload, COALESCE(body, ''), COALESCE(user_name, '') FROM notifications"));
    QByteArray all;
    while (query.next()) {
        for (int i = 0; i < 4; ++i) {
            all += query.value(i).toString().toUtf8() + '\n';
        }
    }
    return all;
}

void TestUserLifecycle::findsByIdOrEmail()
{
    const auto ada = createAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    UserStore store(m_database.get());
    QCOMPARE(store.find(ada.id).value_or(UserRecord()).email, QStringLiteral("ada@example.com"));
    QCOMPARE(store.find(QStringLiteral(" ADA@Example.com ")).value_or(UserRecord()).id, ada.id);
    QVERIFY(!store.find(QStringLiteral("nobody@example.com")));
    const auto found = *store.find(ada.id);
    QCOMPARE(found.role, Role::User);
    QVERIFY(found.hasPassword);
    QVERIFY(!found.disabled);
    QVERIFY(!found.updatedAt.isValid());
}

void TestUserLifecycle::updateNotifiesEachChangedField()
{
    const auto ada = createAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    UserChanges changes;
    changes.name = QStringLiteral(" Ada Lovelace ");
    changes.email = QStringLiteral("ada@example.com"); // the same: not a change
    changes.role = Role::Admin;
    const auto changed = UserStore(m_database.get()).update(ada.id, changes);
    QVERIFY2(changed.ok, qPrintable(changed.error));
    QCOMPARE(changed.event, Event::UserUpdated);
    const QJsonObject expectedChanges {
        { QStringLiteral("name"),
          QJsonObject { { QStringLiteral("from"), QStringLiteral("Ada") },
                        { QStringLiteral("to"), QStringLiteral("Ada Lovelace") } } },
        { QStringLiteral("role"),
          QJsonObject { { QStringLiteral("from"), QStringLiteral("user") },
                        { QStringLiteral("to"), QStringLiteral("admin") } } },
    };
    QCOMPARE(changed.changes, expectedChanges);
    QCOMPARE(changed.notifications.size(), 1);
    QCOMPARE(changed.notifications.at(0).endpointId, m_lifecycleEndpoint);

    const QJsonObject expectedBody {
        { QStringLiteral("event"), QStringLiteral("user.updated") },
        { QStringLiteral("action"), QStringLiteral("update") },
        { QStringLiteral("message"),
          QStringLiteral("Account updated: Ada Lovelace (name: Ada → Ada Lovelace, role: "
                         "User → Administrator)") },
        { QStringLiteral("user"),
          QJsonObject {
              { QStringLiteral("id"), ada.id },
              { QStringLiteral("name"), QStringLiteral("Ada Lovelace") },
              { QStringLiteral("email"), QStringLiteral("ada@example.com") },
              { QStringLiteral("role"), QStringLiteral("admin") },
              { QStringLiteral("created_at"), ada.createdAt.toUTC().toString(Qt::ISODate) },
          } },
        { QStringLiteral("changes"), expectedChanges },
    };
    QCOMPARE(body(changed.notifications.at(0).id), expectedBody);

    const auto stored = *UserStore(m_database.get()).find(ada.id);
    QCOMPARE(stored.name, QStringLiteral("Ada Lovelace"));
    QCOMPARE(stored.role, Role::Admin);
    QVERIFY(stored.updatedAt.isValid());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE search_key = '%1'")
                       .arg(UserRules::searchKey(QStringLiteral("Ada Lovelace"), QStringLiteral("ada@example.com")))),
             1);
}

void TestUserLifecycle::updateWithoutChangeWritesNothing()
{
    const auto ada = createAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const auto before = count(QStringLiteral("SELECT COUNT(*) FROM notifications"));
    UserChanges changes;
    changes.name = QStringLiteral("Ada ");
    changes.role = Role::User;
    const auto changed = UserStore(m_database.get()).update(ada.id, changes);
    QVERIFY(!changed.ok);
    QVERIFY(changed.unchanged);
    QVERIFY(changed.error.isEmpty());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications")), before);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE updated_at IS NULL")), 1);

    const auto again = UserStore(m_database.get()).setDisabled(ada.id, false);
    QVERIFY(again.unchanged);
    QCOMPARE(again.event, Event::UserEnabled);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications")), before);
}

void TestUserLifecycle::updateFollowsTheCreationRules_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<int>("role"); // -1: unchanged
    QTest::addColumn<bool>("withPassword");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("duplicate");

    QTest::newRow("empty name") << QStringLiteral("  ") << QString() << -1 << true << QStringLiteral("Enter a name.")
                                << false;
    QTest::newRow("invalid email") << QString() << QStringLiteral("not-an-address") << -1 << true
                                   << QStringLiteral("\"not-an-address\" is not a valid email address.") << false;
    QTest::newRow("duplicate email, another case")
        << QString() << QStringLiteral("GRACE@example.com") << -1 << true
        << QStringLiteral("The email address GRACE@example.com is already used by another account.") << true;
    QTest::newRow("no password, not pending")
        << QString() << QString() << int(Role::Admin) << false
        << QStringLiteral("An account without a password must have the pending role.") << false;
}

void TestUserLifecycle::updateFollowsTheCreationRules()
{
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(int, role);
    QFETCH(bool, withPassword);
    QFETCH(QString, message);
    QFETCH(bool, duplicate);

    createAccount(QStringLiteral("Grace"), QStringLiteral("grace@example.com"));
    UserRecord ada;
    if (withPassword) {
        ada = createAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    } else {
        NewUser pending;
        pending.name = QStringLiteral("Ada");
        pending.email = QStringLiteral("ada@example.com");
        pending.role = Role::Pending;
        ada = UserStore(m_database.get()).create(pending, {}).user;
    }
    const auto before = count(QStringLiteral("SELECT COUNT(*) FROM notifications"));
    UserChanges changes;
    if (!name.isNull()) {
        changes.name = name;
    }
    if (!email.isNull()) {
        changes.email = email;
    }
    if (role >= 0) {
        changes.role = static_cast<Role>(role);
    }
    const auto changed = UserStore(m_database.get()).update(ada.id, changes);
    QVERIFY(!changed.ok);
    QCOMPARE(changed.error, message);
    QCOMPARE(changed.duplicateEmail, duplicate);
    QCOMPARE(changed.problems.size(), 1);
    QCOMPARE(changed.problems.at(0).message, message);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications")), before);
    const auto stored = *UserStore(m_database.get()).find(ada.id);
    QCOMPARE(stored.name, QStringLiteral("Ada"));
    QCOMPARE(stored.email, QStringLiteral("ada@example.com"));
    QCOMPARE(stored.role, ada.role);
}

void TestUserLifecycle::passwordResetCarriesNoSecret()
{
    const auto ada = createAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const auto password = QStringLiteral("a brand new secret");
    auto future = UserStore(m_database.get()).resetPasswordAsync(ada.id, password, password);
    future.waitForFinished();
    const auto changed = future.result();
    QVERIFY2(changed.ok, qPrintable(changed.error));
    QCOMPARE(changed.event, Event::UserPasswordReset);
    QCOMPARE(changed.notifications.size(), 1);
    const auto hash = UserStore(m_database.get()).passwordHash(ada.id);
    QVERIFY(PasswordHasher::verify(hash, password));

    const QJsonObject expectedBody {
        { QStringLiteral("event"), QStringLiteral("user.password_reset") },
        { QStringLiteral("action"), QStringLiteral("password_reset") },
        { QStringLiteral("message"), Notification::forEvent(Event::UserPasswordReset, changed.user).message() },
        { QStringLiteral("user"), changed.user.toJson() },
    };
    QCOMPARE(body(changed.notifications.at(0).id), expectedBody);
    const auto stored = everythingStored();
    QVERIFY(!stored.contains(password.toUtf8()));
    QVERIFY(!stored.contains(hash));
    QVERIFY(!stored.contains("argon2"));
    QVERIFY(!stored.contains("stand-in"));

    // The same rules as the creation form.
    auto refused =
        UserStore(m_database.get()).resetPasswordAsync(ada.id, QStringLiteral("short"), QStringLiteral("short"));
    refused.waitForFinished();
    QCOMPARE(refused.result().error, QStringLiteral("The password must have at least 8 characters."));
    auto mismatch = UserStore(m_database.get()).resetPasswordAsync(ada.id, password, QStringLiteral("another one"));
    mismatch.waitForFinished();
    QCOMPARE(mismatch.result().problems.value(0).field, UserRules::Field::Confirmation);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE event = 'user.password_reset'")), 1);

    // Cancelled while hashing: nothing written.
    auto cancelled = std::make_shared<std::atomic_bool>(true);
    auto abandoned =
        UserStore(m_database.get())
            .resetPasswordAsync(ada.id, QStringLiteral("never stored"), QStringLiteral("never stored"), cancelled);
    abandoned.waitForFinished();
    QVERIFY(abandoned.result().cancelled);
    QVERIFY(PasswordHasher::verify(UserStore(m_database.get()).passwordHash(ada.id), password));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE event = 'user.password_reset'")), 1);
}

void TestUserLifecycle::disableAndEnable()
{
    const auto ada = createAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    UserStore store(m_database.get());
    const auto disabled = store.setDisabled(ada.id, true);
    QVERIFY2(disabled.ok, qPrintable(disabled.error));
    QCOMPARE(disabled.event, Event::UserDisabled);
    QVERIFY(disabled.user.disabled);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE disabled_at IS NOT NULL")), 1);
    QVERIFY(store.find(ada.id)->disabled);
    const QJsonObject disabledBody {
        { QStringLiteral("event"), QStringLiteral("user.disabled") },
        { QStringLiteral("action"), QStringLiteral("disable") },
        { QStringLiteral("message"), Notification::forEvent(Event::UserDisabled, disabled.user).message() },
        { QStringLiteral("user"), ada.toJson() },
    };
    QCOMPARE(body(disabled.notifications.value(0).id), disabledBody);

    QVERIFY(store.setDisabled(ada.id, true).unchanged);
    const auto enabled = store.setDisabled(ada.id, false);
    QVERIFY2(enabled.ok, qPrintable(enabled.error));
    QCOMPARE(enabled.event, Event::UserEnabled);
    QCOMPARE(body(enabled.notifications.value(0).id).value(QStringLiteral("event")).toString(),
             QStringLiteral("user.enabled"));
    QCOMPARE(body(enabled.notifications.value(0).id).value(QStringLiteral("action")).toString(),
             QStringLiteral("enable"));
    QVERIFY(!store.find(ada.id)->disabled);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE disabled_at IS NOT NULL")), 0);
}

void TestUserLifecycle::deletionKeepsTheLastValues()
{
    const auto ada = createAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"), Role::Admin);
    UserChanges rename;
    rename.name = QStringLiteral("Ada Lovelace");
    QVERIFY(UserStore(m_database.get()).update(ada.id, rename).ok);
    const auto removed = UserStore(m_database.get()).remove(ada.id);
    QVERIFY2(removed.ok, qPrintable(removed.error));
    QCOMPARE(removed.event, Event::UserDeleted);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users")), 0);
    QVERIFY(!UserStore(m_database.get()).find(ada.id));
    const QJsonObject expectedBody {
        { QStringLiteral("event"), QStringLiteral("user.deleted") },
        { QStringLiteral("action"), QStringLiteral("delete") },
        { QStringLiteral("message"), QStringLiteral("Account deleted: Ada Lovelace") },
        { QStringLiteral("user"),
          QJsonObject {
              { QStringLiteral("id"), ada.id },
              { QStringLiteral("name"), QStringLiteral("Ada Lovelace") },
              { QStringLiteral("email"), QStringLiteral("ada@example.com") },
              { QStringLiteral("role"), QStringLiteral("admin") },
              { QStringLiteral("created_at"), ada.createdAt.toUTC().toString(Qt::ISODate) },
          } },
    };
    QCOMPARE(body(removed.notifications.value(0).id), expectedBody);
    const auto again = UserStore(m_database.get()).remove(ada.id);
    QVERIFY(!again.ok);
    QVERIFY(again.notFound);
}

void TestUserLifecycle::failureHalfWayLeavesNothing_data()
{
    QTest::addColumn<int>("operation");
    QTest::newRow("update") << 0;
    QTest::newRow("password reset") << 1;
    QTest::newRow("disable") << 2;
    QTest::newRow("delete") << 3;
}

void TestUserLifecycle::failureHalfWayLeavesNothing()
{
    QFETCH(int, operation);
    const auto ada = createAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const auto notificationsBefore = count(QStringLiteral("SELECT COUNT(*) FROM notifications"));
    const auto hashBefore = UserStore(m_database.get()).passwordHash(ada.id);
    // The account row is changed first, then the notification is refused: the transaction must undo both.
    QVERIFY(TestFixtures::refuseInserts(m_database->connection(), QStringLiteral("notifications")));
    UserStore store(m_database.get());
    UserStore::Changed changed;
    switch (operation) {
    case 0: {
        UserChanges changes;
        changes.name = QStringLiteral("Someone else");
        changes.email = QStringLiteral("else@example.com");
        changed = store.update(ada.id, changes);
        break;
    }
    case 1:
        changed = store.resetPassword(ada.id, QByteArrayLiteral("$argon2id$v=19$another"));
        break;
    case 2:
        changed = store.setDisabled(ada.id, true);
        break;
    default:
        changed = store.remove(ada.id);
        break;
    }
    QVERIFY(!changed.ok);
    QCOMPARE(changed.error, QStringLiteral("Cannot record the change's notifications; the account was not changed."));
    QVERIFY(changed.notifications.isEmpty());
    QVERIFY(TestFixtures::allowInserts(m_database->connection(), QStringLiteral("notifications")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications")), notificationsBefore);
    const auto stored = UserStore(m_database.get()).find(ada.id);
    QVERIFY(stored);
    QCOMPARE(stored->name, ada.name);
    QCOMPARE(stored->email, ada.email);
    QVERIFY(!stored->disabled);
    QVERIFY(!stored->updatedAt.isValid());
    QCOMPARE(UserStore(m_database.get()).passwordHash(ada.id), hashBefore);
}

void TestUserLifecycle::onlySubscribedEndpointsAreNotified()
{
    const auto ada = createAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    // user.created: both endpoints; every other account event: the one subscribed to it.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE event = 'user.created'")), 2);
    UserStore store(m_database.get());
    UserChanges changes;
    changes.email = QStringLiteral("lovelace@example.com");
    QVERIFY(store.update(ada.id, changes).ok);
    QVERIFY(store.resetPassword(ada.id, QByteArrayLiteral("$argon2id$v=19$x")).ok);
    QVERIFY(store.setDisabled(ada.id, true).ok);
    QVERIFY(store.setDisabled(ada.id, false).ok);
    QVERIFY(store.remove(ada.id).ok);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE endpoint_id = %1").arg(m_createdOnlyEndpoint)),
        1);
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT event FROM notifications WHERE endpoint_id = %1 ORDER BY rowid")
                           .arg(m_lifecycleEndpoint)));
    QStringList events;
    while (query.next()) {
        events << query.value(0).toString();
    }
    QCOMPARE(events,
             (QStringList { QStringLiteral("user.created"), QStringLiteral("user.updated"),
                            QStringLiteral("user.password_reset"), QStringLiteral("user.disabled"),
                            QStringLiteral("user.enabled"), QStringLiteral("user.deleted") }));

    // A disabled endpoint gets nothing.
    QVERIFY(EndpointStore(m_database.get()).update(m_lifecycleEndpoint, [](Endpoint& endpoint) {
        endpoint.enabled = false;
        return true;
    }));
    const auto grace = createAccount(QStringLiteral("Grace"), QStringLiteral("grace@example.com"));
    const auto disabled = store.setDisabled(grace.id, true);
    QVERIFY(disabled.ok);
    QVERIFY(disabled.notifications.isEmpty());
}

QTEST_GUILESS_MAIN(TestUserLifecycle)
#include "TestUserLifecycle.moc"

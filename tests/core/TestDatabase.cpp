#include "Database.h"
#include "Notification.h"
#include "Outbox.h"
#include "UserStore.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void createsCurrentSchema();
    void fileIsPrivate();
    void migratesVersionOneKeepingAccounts();
    void refusesNewerSchema();
    void usesWal();
    void accountAndNotificationAreAtomic();
    void duplicateEmailIsRefusedCaseInsensitively();
};

void TestDatabase::createsCurrentSchema()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("nested/folder/crochet.sqlite")));
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    QCOMPARE(database.schemaVersion(), Database::CurrentSchemaVersion);
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM notifications")));
    // Opening again is a no-op.
    Database again(database.path());
    QVERIFY(again.open());
    QCOMPARE(again.schemaVersion(), Database::CurrentSchemaVersion);
}

void TestDatabase::fileIsPrivate()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("crochet.sqlite")));
    QVERIFY(database.open());
    const auto permissions = QFile::permissions(database.path());
    QVERIFY(permissions.testFlag(QFile::ReadOwner) && permissions.testFlag(QFile::WriteOwner));
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther | QFile::ExeOwner;
    QCOMPARE(permissions & others, QFile::Permissions());
}

void TestDatabase::migratesVersionOneKeepingAccounts()
{
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("v1.sqlite"));
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")));
        QVERIFY(query.exec(QStringLiteral(
            "CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, email_key TEXT NOT NULL "
            "UNIQUE, role TEXT NOT NULL, password_hash TEXT, created_at TEXT NOT NULL)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO users VALUES ('u1', 'Ada', 'ada@example.com', "
                                          "'ada@example.com', 'admin', NULL, '2026-01-01T00:00:00Z')")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO settings VALUES ('webhook/url', 'https://example.com/h')")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));

    Database database(path);
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    QCOMPARE(database.schemaVersion(), Database::CurrentSchemaVersion);
    UserStore store(&database);
    QCOMPARE(store.count(), 1);
    QCOMPARE(store.list().first().name, QStringLiteral("Ada"));
    Outbox outbox(&database);
    QCOMPARE(outbox.count(std::nullopt), 0);
}

void TestDatabase::refusesNewerSchema()
{
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        Database database(path);
        QVERIFY(database.open());
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    Database database(path);
    QString error;
    QVERIFY(!database.open(&error));
    QVERIFY2(error.contains(QLatin1String("newer version")), qPrintable(error));
}

void TestDatabase::usesWal()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("crochet.sqlite")));
    QVERIFY(database.open());
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
}

void TestDatabase::accountAndNotificationAreAtomic()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("crochet.sqlite")));
    QVERIFY(database.open());
    // Make the outbox insert fail: the account must not be kept either.
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON notifications "
                                      "BEGIN SELECT RAISE(ABORT, 'no'); END")));
    UserStore store(&database);
    NewUser user;
    user.name = QStringLiteral("Ada");
    user.email = QStringLiteral("ada@example.com");
    const auto created = store.create(user, QByteArray(), true);
    QVERIFY(!created.ok);
    QCOMPARE(store.count(), 0);

    QVERIFY(query.exec(QStringLiteral("DROP TRIGGER refuse")));
    const auto second = store.create(user, QByteArray(), true);
    QVERIFY(second.ok);
    QVERIFY(second.notification.has_value());
    QCOMPARE(store.count(), 1);
    Outbox outbox(&database);
    QCOMPARE(outbox.count(Outbox::State::Pending), 1);
    QCOMPARE(outbox.list(std::nullopt, 10).first().id, second.notification->id);
    QCOMPARE(outbox.list(std::nullopt, 10).first().userName, QStringLiteral("Ada"));
}

void TestDatabase::duplicateEmailIsRefusedCaseInsensitively()
{
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("crochet.sqlite")));
    QVERIFY(database.open());
    UserStore store(&database);
    NewUser user;
    user.name = QStringLiteral("Ada");
    user.email = QStringLiteral("ada@example.com");
    QVERIFY(store.create(user, QByteArray(), false).ok);
    user.email = QStringLiteral("ADA@Example.com");
    const auto again = store.create(user, QByteArray(), true);
    QVERIFY(!again.ok);
    QVERIFY(again.duplicateEmail);
    QCOMPARE(store.count(), 1);
    QCOMPARE(Outbox(&database).count(std::nullopt), 0);
    QVERIFY(store.emailInUse(QStringLiteral("Ada@EXAMPLE.com")));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"

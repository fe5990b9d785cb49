#include "TestFixtures.h"
#include "outbox/Notification.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "users/UserStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using TestFixtures::damageUsersTable;
using TestFixtures::makeDatabase;
using TestFixtures::modeOf;
using TestFixtures::readFile;

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
    void newFileIsPrivateWhateverTheUmask();
    void existingFileKeepsItsMode();
    void refusesWhatIsNotACrochetDatabase_data();
    void refusesWhatIsNotACrochetDatabase();
    void refusesADamagedDatabase();
    void writeProtectedDatabaseOpensReadOnly();
    void earlyDatabaseGetsTheApplicationId();
    void emptySqliteFileBecomesACrochetDatabase();
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
    QVERIFY(TestFixtures::setWebhookUrl(&database, QStringLiteral("http://127.0.0.1:9/hook")));
    // Make the outbox insert fail: the account must not be kept either.
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON notifications "
                                      "BEGIN SELECT RAISE(ABORT, 'no'); END")));
    UserStore store(&database);
    NewUser user;
    user.name = QStringLiteral("Ada");
    user.email = QStringLiteral("ada@example.com");
    const auto created = store.create(user, QByteArray());
    QVERIFY(!created.ok);
    QCOMPARE(store.count(), 0);

    QVERIFY(query.exec(QStringLiteral("DROP TRIGGER refuse")));
    const auto second = store.create(user, QByteArray());
    QVERIFY(second.ok);
    QCOMPARE(second.notifications.size(), 1);
    QCOMPARE(store.count(), 1);
    Outbox outbox(&database);
    QCOMPARE(outbox.count(Outbox::State::Pending), 1);
    QCOMPARE(outbox.list(std::nullopt, 10).first().id, second.notifications.constFirst().id);
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
    QVERIFY(store.create(user, QByteArray()).ok);
    user.email = QStringLiteral("ADA@Example.com");
    const auto again = store.create(user, QByteArray());
    QVERIFY(!again.ok);
    QVERIFY(again.duplicateEmail);
    QCOMPARE(store.count(), 1);
    QCOMPARE(Outbox(&database).count(std::nullopt), 0);
    QVERIFY(store.emailInUse(QStringLiteral("Ada@EXAMPLE.com")));
}

void TestDatabase::newFileIsPrivateWhateverTheUmask()
{
    QTemporaryDir dir;
    const auto previous = ::umask(0);
    Database database(dir.filePath(QStringLiteral("crochet.sqlite")));
    const bool opened = database.open();
    ::umask(previous);
    QVERIFY(opened);
    QCOMPARE(modeOf(database.path()), mode_t(0600));
}

void TestDatabase::existingFileKeepsItsMode()
{
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("shared.sqlite"));
    QVERIFY(makeDatabase(path));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);
    Database database(path);
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    QCOMPARE(modeOf(path), mode_t(0640));
    QCOMPARE(UserStore(&database).count(), 1);
}

void TestDatabase::refusesWhatIsNotACrochetDatabase_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("folder") << "folder"
                            << "%1 is a folder, not a Crochet database.";
    QTest::newRow("fifo") << "fifo"
                          << "%1 is a named pipe (FIFO), not a Crochet database.";
    QTest::newRow("text") << "text"
                          << "%1 is not a Crochet database: it is not an SQLite database file.";
    // The header alone, then garbage: schemaVersion() used to return -1 and the migration loop ran Migrations[-1].
    QTest::newRow("sqlite header, garbage") << "garbage"
                                            << "%1 is not a Crochet database: it is not an SQLite database file.";
    QTest::newRow("cut in the header")
        << "short"
        << "The database %1 is damaged (the file ends inside its header). Restore it from a backup, or "
           "choose another file with --database.";
    QTest::newRow("another program's SQLite")
        << "foreign"
        << "%1 is not a Crochet database: it is an SQLite database of another program.";
    QTest::newRow("dangling link") << "dangling"
                                   << "%1 is a symbolic link to a file that does not exist.";
}

void TestDatabase::refusesWhatIsNotACrochetDatabase()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("target"));
    const auto native = QFile::encodeName(path);
    if (kind == QLatin1String("folder")) {
        QVERIFY(QDir().mkdir(path));
    } else if (kind == QLatin1String("fifo")) {
        QVERIFY(::mkfifo(native.constData(), 0644) == 0);
    } else if (kind == QLatin1String("text")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("name,email\nAda,ada@example.com\n");
    } else if (kind == QLatin1String("garbage") || kind == QLatin1String("short")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray content("SQLite format 3", 16);
        if (kind == QLatin1String("garbage")) {
            content.append(QByteArray(4096 * 4, '\x5a'));
        }
        file.write(content);
    } else if (kind == QLatin1String("foreign")) {
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE bookmarks (url TEXT)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    } else if (kind == QLatin1String("dangling")) {
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("nowhere")), path));
    }
    if (kind != QLatin1String("dangling")) {
        QVERIFY(::chmod(native.constData(), 0644) == 0);
    }
    const auto mode = modeOf(path);
    const auto content =
        kind == QLatin1String("folder") || kind == QLatin1String("fifo") ? QByteArray() : readFile(path);

    Database database(path);
    QString error;
    QVERIFY(!database.open(&error));
    QCOMPARE(error, message.arg(path));
    QCOMPARE(modeOf(path), mode);
    if (!content.isEmpty()) {
        QCOMPARE(readFile(path), content);
    }
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("nowhere"))));
}

void TestDatabase::refusesADamagedDatabase()
{
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("damaged.sqlite"));
    QVERIFY(makeDatabase(path));
    QVERIFY(damageUsersTable(path));
    Database database(path);
    QString error;
    QVERIFY(!database.open(&error));
    QVERIFY2(error.startsWith(QStringLiteral("The database %1 is damaged (").arg(path)), qPrintable(error));

    // Cut short: the header promises pages the file no longer has.
    const auto truncated = dir.filePath(QStringLiteral("truncated.sqlite"));
    QVERIFY(makeDatabase(truncated));
    QVERIFY(QFile::resize(truncated, QFileInfo(truncated).size() / 2));
    Database cut(truncated);
    QVERIFY(!cut.open(&error));
    QVERIFY2(error.startsWith(QStringLiteral("The database %1 is damaged (").arg(truncated)), qPrintable(error));
}

void TestDatabase::writeProtectedDatabaseOpensReadOnly()
{
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("protected.sqlite"));
    QVERIFY(makeDatabase(path));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0400) == 0);
    const auto content = readFile(path);

    {
        Database refused(path);
        QString error;
        QVERIFY(!refused.open(&error));
        QCOMPARE(error,
                 QStringLiteral("The database %1 is read-only: Crochet needs to write to it. Make it writable, or "
                                "choose another file with --database.")
                     .arg(path));
    }
    {
        Database database(path);
        QString error;
        QVERIFY2(database.open(&error, Database::Access::ReadOnlyIfProtected), qPrintable(error));
        QVERIFY(database.isReadOnly());
        UserStore store(&database);
        QCOMPARE(store.count(), 1);
        NewUser user;
        user.name = QStringLiteral("Bob");
        user.email = QStringLiteral("bob@example.com");
        QVERIFY(!store.create(user, QByteArray()).ok);
        Settings settings(&database);
        QVERIFY(!TestFixtures::setWebhookUrl(settings.database(), QStringLiteral("https://example.com/h")));
        QCOMPARE(store.count(), 1);
    }
    QCOMPARE(modeOf(path), mode_t(0400));
    QCOMPARE(readFile(path), content);
}

void TestDatabase::earlyDatabaseGetsTheApplicationId()
{
    // Written by Crochet 0.1 (schema 3), before the application id existed: recognised by its tables and upgraded.
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("crochet.sqlite"));
    QVERIFY(TestFixtures::copyDataFile(QStringLiteral("schema3.sqlite"), path));
    Database database(path);
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    QCOMPARE(database.schemaVersion(), Database::CurrentSchemaVersion);
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA application_id")) && query.next());
    QCOMPARE(query.value(0).toInt(), Database::ApplicationId);
    QCOMPARE(UserStore(&database).count(), 3);
    // Its history reads as before: two delivered, one pending after a refused connection, with 0.1's texts.
    const Outbox outbox(&database);
    QCOMPARE(outbox.count(Outbox::State::Delivered), 2);
    const auto pending = outbox.list(Outbox::State::Pending, 10);
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().userName, QStringLiteral("Bob"));
    QVERIFY2(pending.first().lastResultText().startsWith(QStringLiteral("Connexion refusée par 127.0.0.1")),
             qPrintable(pending.first().lastResultText()));
    QCOMPARE(outbox.attempts(pending.first().id).size(), 1);
}

void TestDatabase::emptySqliteFileBecomesACrochetDatabase()
{
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("empty.sqlite"));
    QVERIFY(QFile(path).open(QIODevice::WriteOnly));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);
    Database database(path);
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    QCOMPARE(database.schemaVersion(), Database::CurrentSchemaVersion);
    QCOMPARE(modeOf(path), mode_t(0640));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"

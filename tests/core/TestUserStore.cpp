#include "TestFixtures.h"
#include "storage/Database.h"
#include "users/UserRules.h"
#include "users/UserStore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Accounts are stored and compared in NFC: one address typed two ways is one account, old databases included.
class TestUserStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void storesNamesAndEmailsInNfc();
    void leadingByteOrderMarkIsNotPartOfAName();
    void sameAddressTypedTwoWaysIsOneAccount_data();
    void sameAddressTypedTwoWaysIsOneAccount();
    void migrationRecomputesOldEmailKeys();

private:
    static NewUser pending(const QString& name, const QString& email);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

NewUser TestUserStore::pending(const QString& name, const QString& email)
{
    NewUser user;
    user.name = name;
    user.email = email;
    user.role = Role::Pending;
    return user;
}

void TestUserStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("u.sqlite"))));
    QVERIFY(m_database->open());
}

void TestUserStore::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

void TestUserStore::storesNamesAndEmailsInNfc()
{
    UserStore store(m_database.get());
    const auto created =
        store.create(pending(QStringLiteral(" Zoe\u0301 "), QStringLiteral("zoe\u0301@example.fr")), {});
    QVERIFY2(created.ok, qPrintable(created.error));
    QCOMPARE(created.user.name, QStringLiteral("Zo\u00E9"));
    QCOMPARE(created.user.email, QStringLiteral("zo\u00E9@example.fr"));
    const auto users = store.list();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.at(0).name, QStringLiteral("Zo\u00E9"));
    QCOMPARE(users.at(0).email, QStringLiteral("zo\u00E9@example.fr"));
}

void TestUserStore::leadingByteOrderMarkIsNotPartOfAName()
{
    // SQLite drops a leading U+FEFF as a byte order mark: the rules see the name as it will be stored.
    NewUser onlyMark = pending(QStringLiteral("\uFEFF"), QStringLiteral("ada@example.com"));
    QCOMPARE(UserRules::validate(onlyMark, true).value(0).message, QStringLiteral("Enter a name."));
    UserStore store(m_database.get());
    const auto created = store.create(pending(QStringLiteral("\uFEFF Bob"), QStringLiteral("bob@example.com")), {});
    QVERIFY2(created.ok, qPrintable(created.error));
    QCOMPARE(created.user.name, QStringLiteral("Bob"));
    QCOMPARE(store.list().value(0).name, QStringLiteral("Bob"));
}

void TestUserStore::sameAddressTypedTwoWaysIsOneAccount_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::newRow("precomposed, then decomposed")
        << QStringLiteral("zo\u00E9@example.fr") << QStringLiteral("zoe\u0301@example.fr");
    QTest::newRow("decomposed, then precomposed")
        << QStringLiteral("zoe\u0301@example.fr") << QStringLiteral("zo\u00E9@example.fr");
    QTest::newRow("decomposed capitals") << QStringLiteral("zo\u00E9@example.fr")
                                         << QStringLiteral("ZOE\u0301@Example.FR");
}

void TestUserStore::sameAddressTypedTwoWaysIsOneAccount()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    UserStore store(m_database.get());
    QVERIFY(store.create(pending(QStringLiteral("Zoé"), first), {}).ok);
    QVERIFY(store.emailInUse(second));
    const auto again = store.create(pending(QStringLiteral("Zoé bis"), second), {});
    QVERIFY(!again.ok);
    QVERIFY(again.duplicateEmail);
    QCOMPARE(store.count(), 1);
}

void TestUserStore::migrationRecomputesOldEmailKeys()
{
    // A version-3 database written by Crochet 0.1 (tests/data/schema3.sqlite), where keys were only case-folded: its
    // Zoé was typed decomposed and kept a decomposed key. Two more accounts are added as 0.1 could have stored them:
    // one address written two ways.
    const auto path = m_dir->filePath(QStringLiteral("schema3.sqlite"));
    m_database.reset();
    QFile::remove(m_dir->filePath(QStringLiteral("u.sqlite")));
    QVERIFY(TestFixtures::copyDataFile(QStringLiteral("schema3.sqlite"), path));
    {
        auto raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery query(raw);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        QCOMPARE(query.value(0).toInt(), 3);
        QVERIFY(query.exec(QStringLiteral("INSERT INTO users (id, name, email, email_key, role, created_at) VALUES "
                                          "('c', 'Léo', 'le\u0301o@example.fr', 'le\u0301o@example.fr', 'pending', "
                                          "'2026-01-01T00:00:00Z'), "
                                          "('d', 'Léo', 'l\u00E9o@example.fr', 'l\u00E9o@example.fr', 'pending', "
                                          "'2026-01-01T00:00:00Z')")));
        query.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));

    m_database = std::make_unique<Database>(path);
    QString error;
    QVERIFY2(m_database->open(&error), qPrintable(error));
    QCOMPARE(m_database->schemaVersion(), Database::CurrentSchemaVersion);

    const auto keyOf = [this](const QString& email) {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("SELECT email_key FROM users WHERE email = ?"));
        query.addBindValue(email);
        return query.exec() && query.next() ? query.value(0).toString() : QString();
    };
    QCOMPARE(keyOf(QStringLiteral("Zoe\u0301@example.fr")), QStringLiteral("zo\u00E9@example.fr"));
    QCOMPARE(keyOf(QStringLiteral("ada@example.com")), QStringLiteral("ada@example.com"));
    QCOMPARE(keyOf(QStringLiteral("le\u0301o@example.fr")), QStringLiteral("le\u0301o@example.fr")); // the other has it
    QCOMPARE(keyOf(QStringLiteral("l\u00E9o@example.fr")), QStringLiteral("l\u00E9o@example.fr"));

    UserStore store(m_database.get());
    QCOMPARE(store.count(), 5);
    const auto again = store.create(pending(QStringLiteral("Zoé"), QStringLiteral("ZO\u00C9@example.fr")), {});
    QVERIFY(again.duplicateEmail);
    const auto third = store.create(pending(QStringLiteral("Léo"), QStringLiteral("le\u0301o@example.fr")), {});
    QVERIFY(third.duplicateEmail);
    QCOMPARE(store.count(), 5);
}

QTEST_GUILESS_MAIN(TestUserStore)
#include "TestUserStore.moc"

#include "TestFixtures.h"
#include "storage/Database.h"
#include "users/UserStore.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The Users list's query: search without case or accents, wildcards taken literally, every column sorted both ways
// in a total order, counts and pages that add up.
class TestUserSearch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void searchIgnoresCaseAndAccents_data();
    void searchIgnoresCaseAndAccents();
    void wildcardsAreLiteral_data();
    void wildcardsAreLiteral();
    void sortsByEachColumn_data();
    void sortsByEachColumn();
    void pagesAddUpToTheWholeList();
    void disabledAccountsAreRead();

private:
    void add(const QString& name, const QString& email, const QString& role = QStringLiteral("user"));
    QStringList names(const UserStore::Query& query, int matching = -1) const;
    // The four accounts of the sort tests, created in this order: Bob, alice, Émile (disabled), Chloé.
    void addSortAccounts();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestUserSearch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("u.sqlite"))));
    QVERIFY(m_database->open());
}

void TestUserSearch::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

void TestUserSearch::add(const QString& name, const QString& email, const QString& role)
{
    NewUser user;
    user.name = name;
    user.email = email;
    user.role = Roles::fromStored(role);
    const auto created = UserStore(m_database.get()).create(user, {});
    QVERIFY2(created.ok, qPrintable(created.error));
}

QStringList TestUserSearch::names(const UserStore::Query& query, int matching) const
{
    QStringList names;
    for (const auto& user : UserStore(m_database.get()).list(query, -1, 0, matching)) {
        names << user.name;
    }
    return names;
}

void TestUserSearch::searchIgnoresCaseAndAccents_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("found");
    const QStringList elodies = { QStringLiteral("Élodie Martin"), QStringLiteral("ELODIE ROUX"),
                                  QStringLiteral("elodie petit") };
    QTest::newRow("accented lower case") << QStringLiteral("élodie") << elodies;
    QTest::newRow("upper case") << QStringLiteral("ELODIE") << elodies;
    QTest::newRow("plain") << QStringLiteral("elodie") << elodies;
    QTest::newRow("accented capital") << QStringLiteral("ÉLODIE") << elodies;
    QTest::newRow("decomposed") << QStringLiteral("E\u0301lodie") << elodies;
    QTest::newRow("surrounding spaces") << QStringLiteral("  élodie ") << elodies;
    QTest::newRow("inside a word") << QStringLiteral("LODI") << elodies;
    QTest::newRow("email, any case") << QStringLiteral("ZOE@EXAMPLE.ORG") << QStringList { QStringLiteral("Zoé") };
    QTest::newRow("accented email") << QStringLiteral("zoé@") << QStringList { QStringLiteral("Zoé") };
    QTest::newRow("name, not email") << QStringLiteral("roux") << QStringList { QStringLiteral("ELODIE ROUX") };
    QTest::newRow("nothing") << QStringLiteral("zzz") << QStringList();
    QTest::newRow("empty: everyone") << QString()
                                     << QStringList { QStringLiteral("Élodie Martin"), QStringLiteral("ELODIE ROUX"),
                                                      QStringLiteral("Zoé"), QStringLiteral("elodie petit") };
    QTest::newRow("spaces only: everyone")
        << QStringLiteral("   ")
        << QStringList { QStringLiteral("Élodie Martin"), QStringLiteral("ELODIE ROUX"), QStringLiteral("Zoé"),
                         QStringLiteral("elodie petit") };
}

void TestUserSearch::searchIgnoresCaseAndAccents()
{
    QFETCH(QString, search);
    QFETCH(QStringList, found);
    add(QStringLiteral("Élodie Martin"), QStringLiteral("em@example.com"));
    add(QStringLiteral("ELODIE ROUX"), QStringLiteral("er@example.com"));
    add(QStringLiteral("Zoé"), QStringLiteral("zoe@example.org"));
    add(QStringLiteral("elodie petit"), QStringLiteral("ep@example.com"));
    UserStore::Query query;
    query.search = search;
    query.column = UserStore::SortColumn::Created;
    query.order = Qt::AscendingOrder;
    QCOMPARE(names(query), found);
    const UserStore store(m_database.get());
    QCOMPARE(store.count(query), int(found.size()));
    QCOMPARE(names(query, store.count(query)), found);
    QCOMPARE(store.count(), 4);
}

void TestUserSearch::wildcardsAreLiteral_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("found");
    QTest::newRow("percent") << QStringLiteral("%") << QStringList { QStringLiteral("Per%cent") };
    QTest::newRow("underscore") << QStringLiteral("_") << QStringList { QStringLiteral("Under_score") };
    QTest::newRow("underscore between") << QStringLiteral("r_s") << QStringList { QStringLiteral("Under_score") };
    QTest::newRow("percent between") << QStringLiteral("r%c") << QStringList { QStringLiteral("Per%cent") };
    QTest::newRow("backslash") << QStringLiteral("\\") << QStringList { QStringLiteral("Back\\slash") };
    QTest::newRow("backslash and percent") << QStringLiteral("\\%") << QStringList();
    QTest::newRow("quote") << QStringLiteral("o'b") << QStringList { QStringLiteral("O'Brien") };
}

void TestUserSearch::wildcardsAreLiteral()
{
    QFETCH(QString, search);
    QFETCH(QStringList, found);
    add(QStringLiteral("Per%cent"), QStringLiteral("p@example.com"));
    add(QStringLiteral("Under_score"), QStringLiteral("u@example.com"));
    // What a wildcard would find: "r?s", "r…c", anything.
    add(QStringLiteral("Underscore Persons"), QStringLiteral("rxs@example.com"));
    add(QStringLiteral("Percent"), QStringLiteral("rc@example.com"));
    add(QStringLiteral("Back\\slash"), QStringLiteral("b@example.com"));
    add(QStringLiteral("O'Brien"), QStringLiteral("o@example.com"));
    UserStore::Query query;
    query.search = search;
    query.column = UserStore::SortColumn::Created;
    query.order = Qt::AscendingOrder;
    QCOMPARE(names(query), found);
    QCOMPARE(UserStore(m_database.get()).count(query), int(found.size()));
}

void TestUserSearch::addSortAccounts()
{
    add(QStringLiteral("Bob"), QStringLiteral("zed@example.com"), QStringLiteral("admin"));
    add(QStringLiteral("alice"), QStringLiteral("Yann@example.com"), QStringLiteral("user"));
    add(QStringLiteral("Émile"), QStringLiteral("adam@example.com"), QStringLiteral("pending"));
    add(QStringLiteral("Chloé"), QStringLiteral("bea@example.com"), QStringLiteral("user"));
    QSqlQuery disable(m_database->connection());
    QVERIFY(disable.exec(QStringLiteral("UPDATE users SET disabled_at = 1700000000000 WHERE name = 'Émile'")));
    QCOMPARE(disable.numRowsAffected(), 1);
}

void TestUserSearch::sortsByEachColumn_data()
{
    QTest::addColumn<UserStore::SortColumn>("column");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("ascending");
    const auto names = [](const char* list) {
        return QString::fromUtf8(list).split(QLatin1Char(','));
    };
    // Names without case or accents: alice, bob, chloe, emile.
    QTest::newRow("name") << UserStore::SortColumn::Name << QString() << names("alice,Bob,Chloé,Émile");
    // Emails without case: adam, bea, yann, zed.
    QTest::newRow("email") << UserStore::SortColumn::Email << QString() << names("Émile,Chloé,alice,Bob");
    // Role keys (admin, pending, user), then names.
    QTest::newRow("role") << UserStore::SortColumn::Role << QString() << names("Bob,Émile,alice,Chloé");
    // Active accounts by name, then the disabled one.
    QTest::newRow("state") << UserStore::SortColumn::State << QString() << names("alice,Bob,Chloé,Émile");
    QTest::newRow("created") << UserStore::SortColumn::Created << QString() << names("Bob,alice,Émile,Chloé");
    // "e" is in every email ("example"): the search keeps the order.
    QTest::newRow("role, searched") << UserStore::SortColumn::Role << QStringLiteral("E")
                                    << names("Bob,Émile,alice,Chloé");
    // "i" is only in two names.
    QTest::newRow("name, searched") << UserStore::SortColumn::Name << QStringLiteral("I") << names("alice,Émile");
    QTest::newRow("email, searched") << UserStore::SortColumn::Email << QStringLiteral("I") << names("Émile,alice");
    QTest::newRow("state, searched") << UserStore::SortColumn::State << QStringLiteral("I") << names("alice,Émile");
}

void TestUserSearch::sortsByEachColumn()
{
    QFETCH(UserStore::SortColumn, column);
    QFETCH(QString, search);
    QFETCH(QStringList, ascending);
    addSortAccounts();
    UserStore::Query query { search, column, Qt::AscendingOrder };
    QCOMPARE(names(query), ascending);
    // Told how many it finds, a search that finds few reads them another way, in the same order.
    const int matching = UserStore(m_database.get()).count(query);
    QCOMPARE(matching, int(ascending.size()));
    QCOMPARE(names(query, matching), ascending);
    query.order = Qt::DescendingOrder;
    QStringList descending(ascending.crbegin(), ascending.crend());
    QCOMPARE(names(query), descending);
    QCOMPARE(names(query, matching), descending);
}

void TestUserSearch::pagesAddUpToTheWholeList()
{
    // Ten accounts with one name: the order is still total, so pages neither repeat nor skip an account.
    for (int i = 0; i < 10; ++i) {
        add(QStringLiteral("Same Name"), QStringLiteral("same%1@example.com").arg(i), QStringLiteral("user"));
    }
    const UserStore store(m_database.get());
    for (const auto column : { UserStore::SortColumn::Name, UserStore::SortColumn::Email, UserStore::SortColumn::Role,
                               UserStore::SortColumn::State, UserStore::SortColumn::Created }) {
        for (const auto order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            const UserStore::Query query { QStringLiteral("same"), column, order };
            QStringList whole;
            for (const auto& user : store.list(query)) {
                whole << user.id;
            }
            QStringList paged;
            QStringList pagedKnowingTheCount;
            for (int offset = 0; offset < 10; offset += 3) {
                for (const auto& user : store.list(query, 3, offset)) {
                    paged << user.id;
                }
                for (const auto& user : store.list(query, 3, offset, 10)) {
                    pagedKnowingTheCount << user.id;
                }
            }
            QCOMPARE(whole.size(), 10);
            QCOMPARE(paged, whole);
            QCOMPARE(pagedKnowingTheCount, whole);
            QCOMPARE(store.count(query), 10);
        }
    }
}

void TestUserSearch::disabledAccountsAreRead()
{
    addSortAccounts();
    const auto users = UserStore(m_database.get()).list(UserStore::Query {});
    QCOMPARE(users.size(), 4);
    for (const auto& user : users) {
        QCOMPARE(user.disabled, user.name == QStringLiteral("Émile"));
    }
}

QTEST_GUILESS_MAIN(TestUserSearch)
#include "TestUserSearch.moc"

#include "CliRunner.h"
#include "TestFixtures.h"
#include "storage/Database.h"
#include "users/UserStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

// crochet-cli user list: its search, its JSON for scripts (parsed here), its state column and its usage errors.
class TestCliUserList : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void jsonHasEveryAccountAsStored();
    void searchIgnoresCaseAndAccents_data();
    void searchIgnoresCaseAndAccents();
    void textLinesEndWithTheState();
    void nothingFoundIsAnEmptyArray();
    void usageErrors_data();
    void usageErrors();

private:
    void addAccounts();
    QJsonArray listJson(const QStringList& extra);

    std::optional<QTemporaryDir> m_dir;
    std::optional<CliRunner> m_cli;
};

void TestCliUserList::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_cli.emplace(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("crochet.sqlite"))));
    addAccounts();
}

void TestCliUserList::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

void TestCliUserList::addAccounts()
{
    Database database(m_cli->databasePath());
    QVERIFY(database.open());
    const QList<QStringList> accounts = {
        { QStringLiteral("Élodie Martin"), QStringLiteral("elodie@example.com"), QStringLiteral("user") },
        { QStringLiteral("Bob"), QStringLiteral("bob_admin@example.com"), QStringLiteral("admin") },
        { QStringLiteral("Mallory\u202Egnp.exe"), QStringLiteral("mallory@example.com"), QStringLiteral("pending") },
    };
    for (const auto& account : accounts) {
        NewUser user;
        user.name = account.at(0);
        user.email = account.at(1);
        user.role = Roles::fromStored(account.at(2));
        const auto created = UserStore(&database).create(user, {});
        QVERIFY2(created.ok, qPrintable(created.error));
    }
    QSqlQuery update(database.connection());
    // Written by an older version, before control characters were refused: kept as it is.
    update.prepare(QStringLiteral("UPDATE users SET name = ? WHERE email = 'mallory@example.com'"));
    update.addBindValue(QStringLiteral("Old\u001b[31m\u0085name"));
    QVERIFY(update.exec());
    QVERIFY(update.exec(QStringLiteral("UPDATE users SET disabled_at = 1700000000000 WHERE email LIKE 'bob%'")));
}

QJsonArray TestCliUserList::listJson(const QStringList& extra)
{
    const auto result = m_cli->run(QStringList { QStringLiteral("user"), QStringLiteral("list") } + extra);
    if (result.exitCode != 0 || !result.err.isEmpty() || !result.unsafeCharacters().isEmpty()) {
        qWarning("%s", result.describe().constData());
        return {};
    }
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray()) {
        qWarning("not a JSON array (%s): %s", qPrintable(error.errorString()), result.describe().constData());
        return {};
    }
    return document.array();
}

void TestCliUserList::jsonHasEveryAccountAsStored()
{
    const auto array = listJson({ QStringLiteral("--json") });
    QCOMPARE(array.size(), 3);
    const auto keys = QStringList { QStringLiteral("created_at"), QStringLiteral("email"), QStringLiteral("id"),
                                    QStringLiteral("name"),       QStringLiteral("role"),  QStringLiteral("state") };
    for (const auto& value : array) {
        QCOMPARE(value.toObject().keys(), keys);
        const auto created = value[QStringLiteral("created_at")].toString();
        QVERIFY2(created.endsWith(QLatin1Char('Z')) && QDateTime::fromString(created, Qt::ISODate).isValid(),
                 qPrintable(created));
        QVERIFY(!QUuid::fromString(value[QStringLiteral("id")].toString()).isNull());
    }
    // Oldest first; names exactly as stored, escapes and all, while the terminal saw none of them raw.
    const auto elodie = array.at(0).toObject();
    QCOMPARE(elodie.value(QStringLiteral("name")).toString(), QStringLiteral("Élodie Martin"));
    QCOMPARE(elodie.value(QStringLiteral("email")).toString(), QStringLiteral("elodie@example.com"));
    QCOMPARE(elodie.value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    QCOMPARE(elodie.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    const auto bob = array.at(1).toObject();
    QCOMPARE(bob.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    QCOMPARE(bob.value(QStringLiteral("state")).toString(), QStringLiteral("disabled"));
    QCOMPARE(array.at(2)[QStringLiteral("name")].toString(), QStringLiteral("Old\u001b[31m\u0085name"));
}

void TestCliUserList::searchIgnoresCaseAndAccents_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("emails");
    QTest::newRow("upper case, no accent")
        << QStringLiteral("ELODIE") << QStringList { QStringLiteral("elodie@example.com") };
    QTest::newRow("accented") << QStringLiteral("élodie") << QStringList { QStringLiteral("elodie@example.com") };
    QTest::newRow("underscore is literal")
        << QStringLiteral("_") << QStringList { QStringLiteral("bob_admin@example.com") };
    QTest::newRow("percent is literal") << QStringLiteral("%") << QStringList();
    QTest::newRow("email") << QStringLiteral("@EXAMPLE")
                           << QStringList { QStringLiteral("elodie@example.com"),
                                            QStringLiteral("bob_admin@example.com"),
                                            QStringLiteral("mallory@example.com") };
    QTest::newRow("empty: everyone") << QString()
                                     << QStringList { QStringLiteral("elodie@example.com"),
                                                      QStringLiteral("bob_admin@example.com"),
                                                      QStringLiteral("mallory@example.com") };
}

void TestCliUserList::searchIgnoresCaseAndAccents()
{
    QFETCH(QString, search);
    QFETCH(QStringList, emails);
    const auto array = listJson({ QStringLiteral("--search"), search, QStringLiteral("--json") });
    QStringList found;
    for (const auto& value : array) {
        found << value[QStringLiteral("email")].toString();
    }
    QCOMPARE(found, emails);
}

void TestCliUserList::textLinesEndWithTheState()
{
    const auto result =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("o") });
    CLI_VERIFY_EXIT(result, 0);
    QVERIFY2(result.unsafeCharacters().isEmpty(), result.describe().constData());
    const auto lines = result.outLines();
    QCOMPARE(lines.size(), 3);
    const auto elodie = lines.at(0).split(QLatin1Char('\t'));
    QCOMPARE(elodie.size(), 6);
    QCOMPARE(elodie.mid(1, 3),
             (QStringList { QStringLiteral("Élodie Martin"), QStringLiteral("elodie@example.com"),
                            QStringLiteral("user") }));
    QCOMPARE(elodie.at(5), QStringLiteral("active"));
    QCOMPARE(lines.at(1).split(QLatin1Char('\t')).value(5), QStringLiteral("disabled"));
    // Shown visibly on a terminal.
    QCOMPARE(lines.at(2).split(QLatin1Char('\t')).value(1), QStringLiteral("Old\\x1b[31m\\x85name"));
}

void TestCliUserList::nothingFoundIsAnEmptyArray()
{
    const auto result = m_cli->run({ QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--search"),
                                     QStringLiteral("nobody"), QStringLiteral("--json") });
    CLI_VERIFY_EXIT(result, 0);
    const auto document = QJsonDocument::fromJson(result.out.toUtf8());
    QVERIFY2(document.isArray() && document.array().isEmpty(), result.describe().constData());
    const auto text = m_cli->run(
        { QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("nobody") });
    CLI_VERIFY_EXIT(text, 0);
    QCOMPARE(text.out, QString());
}

void TestCliUserList::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("search without text") << QStringList { QStringLiteral("--search") };
    QTest::newRow("unknown option") << QStringList { QStringLiteral("--sort") };
    QTest::newRow("extra argument") << QStringList { QStringLiteral("someone") };
}

void TestCliUserList::usageErrors()
{
    QFETCH(QStringList, arguments);
    const auto result = m_cli->run(QStringList { QStringLiteral("user"), QStringLiteral("list") } + arguments);
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.errLines().contains(QStringLiteral("Usage: crochet-cli user list [options]")),
             result.describe().constData());
}

QTEST_GUILESS_MAIN(TestCliUserList)
#include "TestCliUserList.moc"

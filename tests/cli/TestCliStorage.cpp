#include "CliRunner.h"
#include "TestFixtures.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "users/UserStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

// crochet-cli and the file --database names: what it refuses without touching it, read-only databases, and
// settings written all at once or not at all.
class TestCliStorage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void refusesWithoutTouching_data();
    void refusesWithoutTouching();
    void writeProtectedDatabaseIsReadOnly();
    void symlinkToADatabaseIsFollowed();
    void webhookSetIsAllOrNothing();

private:
    QString path(const QString& name) const { return m_dir->filePath(name); }

    std::optional<QTemporaryDir> m_dir;
};

using TestFixtures::damageUsersTable;
using TestFixtures::makeDatabase;
using TestFixtures::modeOf;
using TestFixtures::readFile;

namespace {

constexpr int QuickTimeoutMs = 20000;

bool setMode(const QString& path, mode_t mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

} // namespace

void TestCliStorage::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
}

void TestCliStorage::cleanup()
{
    m_dir.reset();
}

void TestCliStorage::refusesWithoutTouching_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("folder") << "folder"
                            << "%1 is a folder, not a Crochet database.";
    QTest::newRow("fifo") << "fifo"
                          << "%1 is a named pipe (FIFO), not a Crochet database.";
    QTest::newRow("text file") << "text"
                               << "%1 is not a Crochet database: it is not an SQLite database file.";
    QTest::newRow("link to a text file") << "link to text"
                                         << "%1 is not a Crochet database: it is not an SQLite database file.";
    QTest::newRow("truncated") << "truncated"
                               << "The database %1 is damaged (database disk image is malformed). Restore it from a "
                                  "backup, or choose another file with --database.";
    QTest::newRow("damaged page") << "damaged"
                                  << "The database %1 is damaged (database disk image is malformed). Restore it from "
                                     "a backup, or choose another file with --database.";
}

void TestCliStorage::refusesWithoutTouching()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    const auto given = path(QStringLiteral("given"));
    auto target = given;
    if (kind == QLatin1String("folder")) {
        QVERIFY(QDir().mkdir(given));
    } else if (kind == QLatin1String("fifo")) {
        QVERIFY(::mkfifo(QFile::encodeName(given).constData(), 0644) == 0);
    } else if (kind == QLatin1String("text") || kind == QLatin1String("link to text")) {
        target = path(QStringLiteral("notes.txt"));
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Ada,ada@example.com\n");
        file.close();
        if (kind == QLatin1String("link to text")) {
            QVERIFY(QFile::link(target, given));
        } else {
            target = given;
            QVERIFY(QFile::rename(path(QStringLiteral("notes.txt")), given));
        }
    } else {
        QVERIFY(makeDatabase(given));
        if (kind == QLatin1String("truncated")) {
            QVERIFY(QFile::resize(given, QFileInfo(given).size() / 2));
        } else {
            QVERIFY(damageUsersTable(given));
        }
    }
    QVERIFY(setMode(target, 0644));
    const bool isFile = QFileInfo(target).isFile();
    const auto content = isFile ? readFile(target) : QByteArray();

    const CliRunner cli(given);
    for (const auto& arguments : { QStringList { QStringLiteral("user"), QStringLiteral("list") },
                                   QStringList { QStringLiteral("deliveries"), QStringLiteral("flush") } }) {
        const auto result = cli.run(arguments, {}, QuickTimeoutMs);
        CLI_VERIFY_EXIT(result, 1);
        QCOMPARE(result.out, QString());
        QCOMPARE(result.errLines(), QStringList { message.arg(given) });
        QCOMPARE(modeOf(target), mode_t(0644));
        if (isFile) {
            QCOMPARE(readFile(target), content);
        }
    }
    QVERIFY(!QFile::exists(given + QStringLiteral("-wal")));
}

void TestCliStorage::writeProtectedDatabaseIsReadOnly()
{
    const auto database = path(QStringLiteral("protected.sqlite"));
    QVERIFY(makeDatabase(database));
    QVERIFY(setMode(database, 0400));
    const auto content = readFile(database);
    const CliRunner cli(database);

    auto result = cli.run({ QStringLiteral("user"), QStringLiteral("list") }, {}, QuickTimeoutMs);
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines().size(), 1);
    QVERIFY(result.out.contains(QLatin1String("ada@example.com")));
    result = cli.run({ QStringLiteral("deliveries"), QStringLiteral("list") }, {}, QuickTimeoutMs);
    CLI_VERIFY_EXIT(result, 0);
    result = cli.run({ QStringLiteral("webhook"), QStringLiteral("show") }, {}, QuickTimeoutMs);
    CLI_VERIFY_EXIT(result, 0);

    const auto refusal =
        QStringLiteral("The database %1 is read-only: this command would change it, so nothing was done.")
            .arg(database);
    const QList<QStringList> writes {
        { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Bob"),
          QStringLiteral("--email"), QStringLiteral("bob@example.com") },
        { QStringLiteral("webhook"), QStringLiteral("set"), QStringLiteral("https://example.com/hook") },
        { QStringLiteral("webhook"), QStringLiteral("secret"), QStringLiteral("generate") },
        { QStringLiteral("deliveries"), QStringLiteral("retry"), QStringLiteral("--failed") },
        { QStringLiteral("deliveries"), QStringLiteral("flush") },
    };
    for (const auto& arguments : writes) {
        result = cli.run(arguments, {}, QuickTimeoutMs);
        CLI_VERIFY_EXIT(result, 1);
        QCOMPARE(result.errLines(), QStringList { refusal });
    }
    QCOMPARE(modeOf(database), mode_t(0400));
    QCOMPARE(readFile(database), content);
}

void TestCliStorage::symlinkToADatabaseIsFollowed()
{
    const auto database = path(QStringLiteral("shared.sqlite"));
    QVERIFY(makeDatabase(database));
    QVERIFY(setMode(database, 0640));
    const auto link = path(QStringLiteral("link.sqlite"));
    QVERIFY(QFile::link(database, link));
    const CliRunner cli(link);

    auto result = cli.run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                            QStringLiteral("Bob"), QStringLiteral("--email"), QStringLiteral("bob@example.com") },
                          {}, QuickTimeoutMs);
    CLI_VERIFY_EXIT(result, 0);
    result = cli.run({ QStringLiteral("user"), QStringLiteral("list") }, {}, QuickTimeoutMs);
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines().size(), 2);
    QCOMPARE(modeOf(database), mode_t(0640));
    QVERIFY(QFileInfo(link).isSymLink());
}

void TestCliStorage::webhookSetIsAllOrNothing()
{
    const auto database = path(QStringLiteral("crochet.sqlite"));
    {
        Database opened(database);
        QVERIFY(opened.open());
        QSqlQuery query(opened.connection());
        QVERIFY(query.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE UPDATE ON endpoints WHEN "
                                          "NEW.timeout_seconds = 30 BEGIN SELECT RAISE(ABORT, 'refused'); END")));
    }
    const CliRunner cli(database);
    const auto result = cli.run({ QStringLiteral("webhook"), QStringLiteral("set"),
                                  QStringLiteral("https://hooks.example.com/abc"), QStringLiteral("--format"),
                                  QStringLiteral("slack"), QStringLiteral("--timeout"), QStringLiteral("30") },
                                {}, QuickTimeoutMs);
    CLI_VERIFY_EXIT(result, 1);
    // After the log's warning.
    QCOMPARE(result.errLines().constLast(),
             QStringLiteral("Nothing was changed: The endpoint could not be saved: refused"));
    QCOMPARE(result.out, QString());

    Database opened(database);
    QVERIFY(opened.open());
    const Settings settings(&opened);
    QCOMPARE(TestFixtures::webhookUrl(settings.database()), QString());
    QCOMPARE(EndpointStore(settings.database()).main().format, PayloadFormat::Auto);
}

QTEST_GUILESS_MAIN(TestCliStorage)
#include "TestCliStorage.moc"

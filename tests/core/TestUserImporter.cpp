#include "TestFixtures.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "users/PasswordHasher.h"
#include "users/UserImporter.h"
#include "users/UserStore.h"

#include <QFile>
#include <QMutex>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

// Another program's connection, on its own thread, taking and letting go of the write lock on request.
class LockHolder
{
public:
    explicit LockHolder(const QString& path)
        : m_thread(QThread::create([this, path] { run(path); }))
    {
        m_thread->start();
    }
    ~LockHolder()
    {
        m_stop = true;
        m_request.release();
        m_thread->wait();
    }
    // Each returns once the other connection has done it.
    void lock() { ask(); }
    void unlock() { ask(); }
    bool failed() const { return m_failed; }

private:
    void ask()
    {
        m_request.release();
        m_done.acquire();
    }
    void run(const QString& path)
    {
        const auto name = QStringLiteral("lock-holder");
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            m_failed = !db.open();
            QSqlQuery query(db);
            for (const auto* statement : { "BEGIN IMMEDIATE", "ROLLBACK" }) {
                m_request.acquire();
                if (m_stop) {
                    break;
                }
                m_failed = m_failed || !query.exec(QLatin1String(statement));
                m_done.release();
            }
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    std::unique_ptr<QThread> m_thread;
    QSemaphore m_request;
    QSemaphore m_done;
    std::atomic_bool m_stop = false;
    std::atomic_bool m_failed = false;
};

// Lets the lock go the moment Crochet gives up waiting for it: without the fix, the batch was then written row by
// row outside any transaction, yet reported as not saved.
LockHolder* g_holder = nullptr;
QtMessageHandler g_previousHandler = nullptr;

void releaseWhenGivenUp(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (g_holder && message.startsWith(QLatin1String("cannot begin a transaction"))) {
        std::exchange(g_holder, nullptr)->unlock();
    }
    g_previousHandler(type, context, message);
}

} // namespace

class TestUserImporter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void importsGoodRowsAndReportsBadOnes();
    void accountsAfterATakenAddressAreKept();
    void quotedFieldsKeepLineNumbers();
    void blankLinesAndCarriageReturnsKeepLineNumbers();
    void passwordHashCanBeReplaced();
    void malformedQuotingKeepsEarlierRows();
    void invalidUtf8RefusesItsLineOnly();
    void invalidUtf8Header();
    void nfcDuplicatesInTheFile();
    void headerIsRequired();
    void unreadableFile();
    void cancelKeepsCommittedBatches();
    void signalsFromWorkerThread();
    void batchThatCannotBeWrittenIsNotImported();

private:
    QString write(const QByteArray& content);
    // "Existing", taken@example.com, already in the database before an import.
    bool createTakenAccount();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestUserImporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("i.sqlite"))));
    QVERIFY(m_database->open());
    // Accounts are notified to the main endpoint (nothing listens there: nothing is sent in these tests).
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), QStringLiteral("http://127.0.0.1:9/hook")));
}

void TestUserImporter::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

QString TestUserImporter::write(const QByteArray& content)
{
    const auto path = m_dir->filePath(QStringLiteral("users.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return {};
    }
    file.write(content);
    return path;
}

bool TestUserImporter::createTakenAccount()
{
    NewUser existing;
    existing.name = QStringLiteral("Existing");
    existing.email = QStringLiteral("taken@example.com");
    return UserStore(m_database.get()).create(existing, QByteArray()).ok;
}

void TestUserImporter::importsGoodRowsAndReportsBadOnes()
{
    QVERIFY(createTakenAccount());

    const auto path = write("\xEF\xBB\xBFName,Email,Password,Role\r\n"
                            "Ada,ada@example.com,correct horse,admin\r\n"
                            "Bob,bob@example.com,,\r\n"
                            ",nobody@example.com,,pending\r\n"
                            "Eve,not-an-email,,pending\r\n"
                            "Mallory,TAKEN@example.com,,pending\r\n"
                            "Short,short@example.com,1234,user\r\n"
                            "Two,two@example.com\r\n"
                            "Ada again,ADA@example.com,,pending\r\n"
                            "Root,root@example.com,,root\r\n");
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled);
    QCOMPARE(summary.error, QString());
    QCOMPARE(summary.created, 2);
    QList<int> lines;
    for (const auto& refused : summary.refused) {
        lines << refused.line;
        QVERIFY(!refused.reason.isEmpty());
    }
    QCOMPARE(lines, (QList<int> { 4, 5, 6, 7, 8, 9, 10 }));
    QVERIFY(summary.refused.at(2).reason.contains(QLatin1String("already used")));
    QVERIFY(summary.refused.at(4).reason.contains(QLatin1String("Expected 4 fields, found 2")));
    QVERIFY(summary.refused.at(5).reason.contains(QLatin1String("earlier in the file")));

    UserStore store(m_database.get());
    QCOMPARE(store.count(), 3);
    const auto users = store.list();
    QCOMPARE(users.at(1).name, QStringLiteral("Ada"));
    QCOMPARE(users.at(1).role, Role::Admin);
    QVERIFY(PasswordHasher::verify(store.passwordHash(users.at(1).id), QStringLiteral("correct horse")));
    QCOMPARE(users.at(2).role, Role::Pending);
    QVERIFY(!users.at(2).hasPassword);
    // One user.created each: the existing account's and the two imported ones'.
    QCOMPARE(Outbox(m_database.get()).count(Outbox::State::Pending), 3);
}

void TestUserImporter::accountsAfterATakenAddressAreKept()
{
    // The database refuses the second row (SQLite undoes that one statement; PostgreSQL rolls back to the account's
    // savepoint): the batch goes on, and the rows on either side are written with their notifications.
    QVERIFY(createTakenAccount());

    const auto path = write("name,email,password,role\n"
                            "Ada,ada@example.com,,pending\n"
                            "Mallory,Taken@Example.com,,pending\n"
                            "Cy,cy@example.com,,pending\n");
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled);
    QCOMPARE(summary.error, QString());
    QCOMPARE(summary.created, 2);
    QCOMPARE(summary.refused.size(), 1);
    QCOMPARE(summary.refused.at(0).line, 3);
    QCOMPARE(summary.refused.at(0).reason,
             QStringLiteral("The email address Taken@Example.com is already used by another account."));

    QStringList names;
    for (const auto& user : UserStore(m_database.get()).list()) {
        names << user.name;
    }
    names.sort();
    QCOMPARE(names, (QStringList { QStringLiteral("Ada"), QStringLiteral("Cy"), QStringLiteral("Existing") }));
    QStringList notified;
    for (const auto& row : Outbox(m_database.get()).list(Outbox::Filter(), 10)) {
        notified << row.userName;
    }
    notified.sort();
    QCOMPARE(notified, names);
}

void TestUserImporter::quotedFieldsKeepLineNumbers()
{
    const auto path = write("name,email,password,role\n"
                            "\"Lovelace, Ada\",ada@example.com,,pending\n"
                            "\"Multi\nLine\",multi@example.com,,pending\n"
                            "\"Quote \"\"Q\"\"\",q@example.com,,pending\n"
                            "bad,bad,,pending\n");
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled);
    QCOMPARE(summary.created, 2);
    QCOMPARE(summary.refused.size(), 2);
    QCOMPARE(summary.refused.at(0).line, 3); // the name with a line break
    QCOMPARE(summary.refused.at(1).line, 6);
    const auto users = UserStore(m_database.get()).list();
    QCOMPARE(users.at(0).name, QStringLiteral("Lovelace, Ada"));
    QCOMPARE(users.at(1).name, QStringLiteral("Quote \"Q\""));
    // One notification per account created, none for the refused lines.
    QCOMPARE(Outbox(m_database.get()).count(std::nullopt), 2);
}

// Found by FuzzCsvImport: after blank lines (which libcsv skips) or a record ended by a lone CR, refusals named the
// wrong line (here 2, 6 and 6 instead of 4, 6 and 8).
void TestUserImporter::blankLinesAndCarriageReturnsKeepLineNumbers()
{
    const auto path = write("name,email\n"
                            "\n"
                            " \t\r\n"
                            "Eve,not-an-email\n"
                            "Old,mac@example.com\r"
                            "Bad,bad\r\n"
                            "\n"
                            "Dup,MAC@example.com\n");
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled);
    QCOMPARE(summary.error, QString());
    QCOMPARE(summary.created, 1);
    QList<int> lines;
    for (const auto& refused : summary.refused) {
        lines << refused.line;
    }
    QCOMPARE(lines, (QList<int> { 4, 6, 8 }));
    QVERIFY(summary.refused.at(2).reason.contains(QLatin1String("earlier in the file")));
}

// The fuzz target's seam: a stand-in for Argon2id, used for every password when set.
void TestUserImporter::passwordHashCanBeReplaced()
{
    const auto path = write("name,email,password\nAda,ada@example.com,correct horse\nBob,bob@example.com,\n");
    UserImporter::Callbacks callbacks;
    QStringList hashed;
    QMutex mutex;
    callbacks.hash = [&](const QString& password) -> QByteArray {
        const QMutexLocker locker(&mutex);
        hashed << password;
        return QByteArrayLiteral("stand-in");
    };
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled, callbacks);
    QCOMPARE(summary.created, 2);
    QCOMPARE(hashed, QStringList { QStringLiteral("correct horse") });
    UserStore store(m_database.get());
    QCOMPARE(store.passwordHash(store.list().first().id), QByteArrayLiteral("stand-in"));
}

void TestUserImporter::malformedQuotingKeepsEarlierRows()
{
    const auto path = write("name,email,password,role\n"
                            "Ada,ada@example.com,,pending\n"
                            "\"Broken\"x,b@example.com,,pending\n"
                            "Carl,carl@example.com,,pending\n");
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled);
    QCOMPARE(summary.created, 1);
    QCOMPARE(summary.refused.size(), 1);
    QCOMPARE(summary.refused.first().line, 3);
    QVERIFY(summary.refused.first().reason.startsWith(QLatin1String("Malformed quoting")));
}

void TestUserImporter::invalidUtf8RefusesItsLineOnly()
{
    const auto path = write("name,email,password,role\n"
                            "Ada,ada@example.com,correct horse,user\n"
                            "Zo\xe9,zoe@example.fr,,pending\n" // Latin-1, not UTF-8
                            "Bob,bob@example.com,secret\xffpassword,user\n"
                            "\"Multi\nLine \xc3\",multi@example.com,,pending\n" // cut sequence, the record starts on 5
                            "Carl,carl@ex\xc0\xaf"
                            "ample.com,,pending\n" // overlong
                            "Dora,dora@example.com,,pending\n");
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled);
    QCOMPARE(summary.error, QString());
    QCOMPARE(summary.created, 2);
    QCOMPARE(summary.refused.size(), 4);
    const QList<QPair<int, QString>> expected {
        { 3, QStringLiteral("Column 1 (name) is not valid UTF-8; save the file as UTF-8.") },
        { 4, QStringLiteral("Column 3 (password) is not valid UTF-8; save the file as UTF-8.") },
        { 5, QStringLiteral("Column 1 (name) is not valid UTF-8; save the file as UTF-8.") },
        { 7, QStringLiteral("Column 2 (email) is not valid UTF-8; save the file as UTF-8.") },
    };
    for (int i = 0; i < expected.size(); ++i) {
        QCOMPARE(summary.refused.at(i).line, expected.at(i).first);
        QCOMPARE(summary.refused.at(i).reason, expected.at(i).second);
    }
    const auto users = UserStore(m_database.get()).list();
    QCOMPARE(users.size(), 2);
    QCOMPARE(users.at(0).name, QStringLiteral("Ada"));
    QCOMPARE(users.at(1).name, QStringLiteral("Dora"));
    for (const auto& user : users) {
        QVERIFY(!user.name.contains(QChar(QChar::ReplacementCharacter)));
    }
}

void TestUserImporter::invalidUtf8Header()
{
    const auto path = write("name,e\xffmail,password,role\nAda,ada@example.com,,pending\n");
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled);
    QCOMPARE(summary.error, QStringLiteral("Line 1: the header row is not valid UTF-8; save the file as UTF-8."));
    QCOMPARE(summary.created, 0);
    QCOMPARE(UserStore(m_database.get()).count(), 0);
}

void TestUserImporter::nfcDuplicatesInTheFile()
{
    // One address typed precomposed, then decomposed and in capitals: one account.
    const auto path = write("name,email,password,role\n"
                            "Zoe\xcc\x81,zo\xc3\xa9@example.fr,,pending\n"
                            "Zo\xc3\xa9 again,ZOE\xcc\x81@example.fr,,pending\n");
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled);
    QCOMPARE(summary.created, 1);
    QCOMPARE(summary.refused.size(), 1);
    QCOMPARE(summary.refused.at(0).line, 3);
    QCOMPARE(summary.refused.at(0).reason,
             QStringLiteral("The email address ZO\u00C9@example.fr appears earlier in the file."));
    const auto users = UserStore(m_database.get()).list();
    QCOMPARE(users.at(0).name, QStringLiteral("Zo\u00E9")); // stored in NFC
}

void TestUserImporter::headerIsRequired()
{
    const auto path = write("Ada,ada@example.com,,pending\n");
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), path, cancelled);
    QVERIFY(summary.error.contains(QLatin1String("header row")));
    QCOMPARE(summary.created, 0);
    QCOMPARE(UserStore(m_database.get()).count(), 0);
}

void TestUserImporter::unreadableFile()
{
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(m_database.get(), m_dir->filePath(QStringLiteral("missing.csv")), cancelled);
    QVERIFY(summary.error.startsWith(QLatin1String("Cannot read")));
}

void TestUserImporter::cancelKeepsCommittedBatches()
{
    const auto path = write(TestFixtures::pendingAccountsCsv(1000));
    std::atomic_bool cancelled = false;
    UserImporter::Callbacks callbacks;
    callbacks.batchCommitted = [&cancelled](int) {
        cancelled = true;
    };
    const auto summary = UserImporter::run(m_database.get(), path, cancelled, callbacks);
    QVERIFY(summary.cancelled);
    QCOMPARE(summary.created, 200);
    QCOMPARE(UserStore(m_database.get()).count(), 200);
    QCOMPARE(Outbox(m_database.get()).count(Outbox::State::Pending), 200);
}

void TestUserImporter::signalsFromWorkerThread()
{
    const auto path = write(TestFixtures::pendingAccountsCsv(450));
    UserImporter importer(m_database.get());
    QSignalSpy progress(&importer, &UserImporter::progress);
    QSignalSpy finished(&importer, &UserImporter::finished);
    importer.start(path);
    QVERIFY(importer.isRunning());
    QVERIFY(finished.wait(30000));
    QVERIFY(!importer.isRunning());
    QCOMPARE(progress.count(), 3);
    QCOMPARE(progress.last().at(0).toInt(), 450);
    QCOMPARE(progress.last().at(1).toInt(), 450);
    QCOMPARE(finished.first().first().value<UserImporter::Summary>().created, 450);
}

void TestUserImporter::batchThatCannotBeWrittenIsNotImported()
{
    CROCHET_SQLITE_ONLY("another program holding SQLite's write lock; PostgreSQL locks rows, not the database");
    const auto csv = write(TestFixtures::pendingAccountsCsv(600));
    Database importing(m_database->path());
    importing.setBusyTimeout(200);
    QVERIFY(importing.open());
    LockHolder holder(m_database->path());
    UserImporter::Callbacks callbacks;
    // Another program takes the write lock once the first batch is committed.
    callbacks.batchCommitted = [&holder](int) {
        if (!g_holder) {
            holder.lock();
            g_holder = &holder;
        }
    };
    g_previousHandler = qInstallMessageHandler(releaseWhenGivenUp);
    std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(&importing, csv, cancelled, callbacks);
    qInstallMessageHandler(g_previousHandler);
    g_holder = nullptr;
    QVERIFY(!holder.failed());

    // The report matches the database: the first batch only, with its notifications.
    QCOMPARE(summary.created, 200);
    QCOMPARE(UserStore(m_database.get()).count(), 200);
    QCOMPARE(Outbox(m_database.get()).count(Outbox::State::Pending), 200);
    QCOMPARE(summary.refused.size(), 0);
    QVERIFY2(summary.error.startsWith(QLatin1String("Cannot save the accounts from line 202 on (")),
             qPrintable(summary.error));
    QVERIFY2(summary.error.contains(QLatin1String("The 200 accounts before were kept")), qPrintable(summary.error));
}

QTEST_GUILESS_MAIN(TestUserImporter)
#include "TestUserImporter.moc"

#include "users/UserImporter.h"

#include "Log.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "text/SafeText.h"
#include "users/PasswordHasher.h"
#include "users/UserRules.h"
#include "users/UserStore.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QThread>
#include <QtConcurrent>

#include <csv.h>

namespace {

constexpr int BatchSize = 200;

struct Row
{
    int line = 0;
    QStringList fields;
    int invalidColumn = -1; // the first field that is not valid UTF-8 (0-based), -1 when all are
};

struct ParseState
{
    QList<Row> rows;
    QStringList fields;
    int invalidColumn = -1;
    int recordStartLine = 1;
    int currentLine = 1;
    bool atRecordStart = true;
};

void onField(void* data, size_t length, void* context)
{
    auto* state = static_cast<ParseState*>(context);
    // Never replaced with U+FFFD: a field that is not UTF-8 refuses its whole line.
    auto text = SafeText::fromUtf8(QByteArrayView(static_cast<const char*>(data), static_cast<qsizetype>(length)));
    if (!text && state->invalidColumn < 0) {
        state->invalidColumn = static_cast<int>(state->fields.size());
    }
    state->fields.append(text.value_or(QString()));
}

void onRecordEnd(int, void* context)
{
    auto* state = static_cast<ParseState*>(context);
    state->rows.append(
        { state->recordStartLine, std::exchange(state->fields, {}), std::exchange(state->invalidColumn, -1) });
    state->atRecordStart = true;
}

// libcsv skips lines of spaces and tabs: a record never starts on one.
bool isBlank(const char* line, qsizetype length)
{
    return std::all_of(line, line + length,
                       [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; });
}

struct Parsed
{
    QList<Row> rows;
    QString error; // translated, without the line number
    int errorLine = 0;
};

// libcsv does the parsing (RFC 4180 quoting, strict); lines are fed one at a time to know where each record starts.
// Lines end where libcsv ends records: at LF, CRLF or a lone CR.
Parsed parse(QByteArray content)
{
    if (content.startsWith("\xEF\xBB\xBF")) {
        content.remove(0, 3);
    }
    csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    ParseState state;
    Parsed parsed;
    qsizetype position = 0;
    while (position < content.size()) {
        auto end = position;
        while (end < content.size() && content.at(end) != '\n' && content.at(end) != '\r') {
            ++end;
        }
        if (end < content.size()) {
            end += content.at(end) == '\r' && end + 1 < content.size() && content.at(end + 1) == '\n' ? 2 : 1;
        }
        const auto length = static_cast<size_t>(end - position);
        if (state.atRecordStart && !isBlank(content.constData() + position, end - position)) {
            state.recordStartLine = state.currentLine;
            state.atRecordStart = false;
        }
        if (csv_parse(&parser, content.constData() + position, length, onField, onRecordEnd, &state) != length) {
            parsed.errorLine = state.recordStartLine;
            parsed.error = UserImporter::tr("Malformed quoting (%1); the rest of the file was not read.")
                               .arg(QString::fromUtf8(csv_strerror(csv_error(&parser))));
            break;
        }
        ++state.currentLine;
        position = end;
    }
    if (parsed.error.isEmpty() && csv_fini(&parser, onField, onRecordEnd, &state) != 0) {
        parsed.errorLine = state.recordStartLine;
        parsed.error = UserImporter::tr("The last field's quotes are not closed.");
    }
    csv_free(&parser);
    parsed.rows = std::move(state.rows);
    return parsed;
}

struct Candidate
{
    int line = 0;
    NewUser user;
    QByteArray hash;
};

// One import, step by step: the file and its header row, then each batch of rows checked, hashed and committed.
class ImportRun
{
public:
    ImportRun(Database* database, const std::atomic_bool& cancelled, const UserImporter::Callbacks& callbacks)
        : m_database(database)
        , m_cancelled(cancelled)
        , m_callbacks(callbacks)
    {
    }

    bool open(const QString& csvPath);
    void importRows();
    UserImporter::Summary finish();

private:
    QString field(const Row& row, const QString& name) const;
    // The batch's acceptable rows; each refused one is added to the summary with its reason.
    QList<Candidate> candidates(int offset);
    std::optional<Candidate> candidate(const Row& row);
    void hash(QList<Candidate>& batch);
    // Commits the batch whole, or nothing of it (then sets the summary's error and returns false).
    bool commit(const QList<Candidate>& batch, int offset);
    void stopAt(int offset, const QString& reason);

    Database* m_database;
    const std::atomic_bool& m_cancelled;
    const UserImporter::Callbacks& m_callbacks;
    UserImporter::Summary m_summary;
    QList<Row> m_rows;
    Row m_header;
    QHash<QString, int> m_columns;
    QSet<QString> m_seenEmails;
};

bool ImportRun::open(const QString& csvPath)
{
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly)) {
        m_summary.error = UserImporter::tr("Cannot read %1: %2").arg(csvPath, file.errorString());
        return false;
    }
    auto parsed = parse(file.readAll());
    if (parsed.rows.isEmpty()) {
        m_summary.error = parsed.error.isEmpty()
            ? UserImporter::tr("The file is empty: it needs a header row name,email,password,role.")
            : UserImporter::tr("Line %1: %2").arg(parsed.errorLine).arg(parsed.error);
        return false;
    }
    m_rows = std::move(parsed.rows);

    // The header row names the columns; their order is free, name and email are required.
    m_header = m_rows.takeFirst();
    for (int i = 0; i < m_header.fields.size(); ++i) {
        m_columns.insert(m_header.fields.at(i).trimmed().toLower(), i);
    }
    if (m_header.invalidColumn >= 0) {
        m_summary.error =
            UserImporter::tr("Line %1: the header row is not valid UTF-8; save the file as UTF-8.").arg(m_header.line);
        return false;
    }
    if (!m_columns.contains(QStringLiteral("name")) || !m_columns.contains(QStringLiteral("email"))) {
        m_summary.error = UserImporter::tr("Line %1: the header row must name the columns name,email,password,role.")
                              .arg(m_header.line);
        return false;
    }
    if (!parsed.error.isEmpty()) {
        m_summary.refused.append({ parsed.errorLine, parsed.error });
    }
    return true;
}

QString ImportRun::field(const Row& row, const QString& name) const
{
    const auto index = m_columns.value(name, -1);
    return index >= 0 ? row.fields.value(index).trimmed() : QString();
}

void ImportRun::importRows()
{
    const int total = static_cast<int>(m_rows.size());
    for (int offset = 0; offset < total; offset += BatchSize) {
        if (m_cancelled) {
            m_summary.cancelled = true;
            return;
        }
        auto batch = candidates(offset);
        hash(batch);
        if (m_cancelled) {
            m_summary.cancelled = true;
            return;
        }
        if (!commit(batch, offset)) {
            return;
        }
        if (m_callbacks.progress) {
            m_callbacks.progress(qMin(total, offset + BatchSize), total);
        }
    }
}

QList<Candidate> ImportRun::candidates(int offset)
{
    QList<Candidate> batch;
    for (int i = offset; i < qMin(int(m_rows.size()), offset + BatchSize); ++i) {
        if (auto accepted = candidate(m_rows.at(i))) {
            batch.append(std::move(*accepted));
        }
    }
    return batch;
}

std::optional<Candidate> ImportRun::candidate(const Row& row)
{
    const auto refuse = [this, &row](const QString& reason) {
        m_summary.refused.append({ row.line, reason });
        return std::nullopt;
    };
    if (row.fields.size() != m_header.fields.size()) {
        return refuse(
            UserImporter::tr("Expected %1 fields, found %2.").arg(m_header.fields.size()).arg(row.fields.size()));
    }
    if (row.invalidColumn >= 0) {
        //: %1 is a column number, %2 its name from the header row
        return refuse(UserImporter::tr("Column %1 (%2) is not valid UTF-8; save the file as UTF-8.")
                          .arg(row.invalidColumn + 1)
                          .arg(SafeText::printable(m_header.fields.value(row.invalidColumn))));
    }
    Candidate candidate;
    candidate.line = row.line;
    candidate.user.name = field(row, QStringLiteral("name"));
    candidate.user.email = field(row, QStringLiteral("email"));
    candidate.user.password = row.fields.value(m_columns.value(QStringLiteral("password"), -1));
    candidate.user.confirmation = candidate.user.password;
    // No role: pending without a password, the default role with one.
    candidate.user.role = candidate.user.password.isEmpty() ? Role::Pending : Roles::defaultRole();
    if (const auto role = field(row, QStringLiteral("role")); !role.isEmpty()) {
        candidate.user.roleText = role;
    }
    const auto problems = UserRules::validate(candidate.user, true);
    if (!problems.isEmpty()) {
        QStringList reasons;
        for (const auto& problem : problems) {
            reasons << problem.message;
        }
        return refuse(reasons.join(QLatin1Char(' ')));
    }
    const auto key = UserRules::emailKey(candidate.user.email);
    if (m_seenEmails.contains(key)) {
        return refuse(UserImporter::tr("The email address %1 appears earlier in the file.")
                          .arg(SafeText::printable(SafeText::normalized(candidate.user.email))));
    }
    m_seenEmails.insert(key);
    return candidate;
}

void ImportRun::hash(QList<Candidate>& batch)
{
    // Argon2id is slow on purpose: hash the batch's passwords on every core.
    const bool anyPassword = std::any_of(batch.cbegin(), batch.cend(),
                                         [](const Candidate& candidate) { return !candidate.user.password.isEmpty(); });
    if (!anyPassword) {
        return;
    }
    QtConcurrent::blockingMap(batch, [this](Candidate& candidate) {
        if (!m_cancelled && !candidate.user.password.isEmpty()) {
            candidate.hash = m_callbacks.hash ? m_callbacks.hash(candidate.user.password)
                                              : PasswordHasher::hash(candidate.user.password);
        }
    });
}

void ImportRun::stopAt(int offset, const QString& reason)
{
    m_summary.error = UserImporter::tr("Cannot save the accounts from line %1 on (%2): they were not imported. The %3 "
                                       "accounts before were kept; import the file again to add the rest (those "
                                       "already created are then refused as duplicates).")
                          .arg(m_rows.at(offset).line)
                          .arg(reason)
                          .arg(m_summary.created);
    qCWarning(lcUsers) << "import stopped at a batch that could not be saved";
}

bool ImportRun::commit(const QList<Candidate>& batch, int offset)
{
    // The batch is committed whole or not at all: a database error (a lock held too long by another program, a full
    // disk) stops the import here, and nothing of this batch is kept or counted.
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive()) {
        stopAt(offset, transaction.errorText());
        return false;
    }
    UserStore::Writer writer(db);
    int created = 0;
    QList<UserImporter::Refused> refusedInBatch;
    for (const auto& candidate : batch) {
        if (!candidate.user.password.isEmpty() && candidate.hash.isEmpty()) {
            refusedInBatch.append({ candidate.line, UserImporter::tr("The password could not be hashed.") });
            continue;
        }
        const auto result = writer.insert(candidate.user, candidate.hash);
        if (result.ok) {
            ++created;
        } else if (result.duplicateEmail) {
            refusedInBatch.append({ candidate.line, result.error });
        } else {
            // SQLite may have rolled the whole transaction back already: nothing more is written in it.
            stopAt(offset, result.error);
            return false;
        }
    }
    if (!transaction.commit()) {
        stopAt(offset, transaction.errorText());
        return false;
    }
    m_summary.created += created;
    m_summary.refused.append(refusedInBatch);
    if (m_callbacks.batchCommitted && created > 0) {
        m_callbacks.batchCommitted(created);
    }
    return true;
}

UserImporter::Summary ImportRun::finish()
{
    std::sort(m_summary.refused.begin(), m_summary.refused.end(),
              [](const UserImporter::Refused& a, const UserImporter::Refused& b) { return a.line < b.line; });
    qCInfo(lcUsers) << "import finished:" << m_summary.created << "created," << m_summary.refused.size() << "refused";
    return std::move(m_summary);
}

} // namespace

UserImporter::UserImporter(Database* database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    qRegisterMetaType<UserImporter::Summary>();
}

UserImporter::~UserImporter()
{
    cancel();
    wait();
}

void UserImporter::start(const QString& csvPath)
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_cancelled = std::make_shared<std::atomic_bool>(false);
    auto* thread = QThread::create([this, database = m_database, csvPath, cancelled = m_cancelled] {
        Callbacks callbacks;
        callbacks.progress = [this](int done, int total) {
            QMetaObject::invokeMethod(
                this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
        };
        callbacks.batchCommitted = [this](int created) {
            QMetaObject::invokeMethod(
                this, [this, created] { emit batchCommitted(created); }, Qt::QueuedConnection);
        };
        const auto summary = run(database, csvPath, *cancelled, callbacks);
        QMetaObject::invokeMethod(
            this,
            [this, summary] {
                m_running = false;
                emit finished(summary);
            },
            Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("crochet-import"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    m_thread = thread;
}

void UserImporter::cancel()
{
    if (m_cancelled) {
        m_cancelled->store(true);
    }
}

void UserImporter::wait()
{
    if (m_thread) {
        m_thread->wait();
    }
}

UserImporter::Summary UserImporter::run(Database* database, const QString& csvPath, const std::atomic_bool& cancelled,
                                        const Callbacks& callbacks)
{
    ImportRun import(database, cancelled, callbacks);
    if (import.open(csvPath)) {
        import.importRows();
    }
    return import.finish();
}

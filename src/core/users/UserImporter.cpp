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

void UserImporter::start(const QString& csvPath, bool notify)
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_cancelled = std::make_shared<std::atomic_bool>(false);
    auto* thread = QThread::create([this, database = m_database, csvPath, notify, cancelled = m_cancelled] {
        Callbacks callbacks;
        callbacks.progress = [this](int done, int total) {
            QMetaObject::invokeMethod(
                this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
        };
        callbacks.batchCommitted = [this](int created) {
            QMetaObject::invokeMethod(
                this, [this, created] { emit batchCommitted(created); }, Qt::QueuedConnection);
        };
        const auto summary = run(database, csvPath, notify, *cancelled, callbacks);
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

UserImporter::Summary UserImporter::run(Database* database, const QString& csvPath, bool notify,
                                        const std::atomic_bool& cancelled, const Callbacks& callbacks)
{
    Summary summary;
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly)) {
        summary.error = tr("Cannot read %1: %2").arg(csvPath, file.errorString());
        return summary;
    }
    auto parsed = parse(file.readAll());
    if (parsed.rows.isEmpty()) {
        summary.error = parsed.error.isEmpty()
            ? tr("The file is empty: it needs a header row name,email,password,role.")
            : tr("Line %1: %2").arg(parsed.errorLine).arg(parsed.error);
        return summary;
    }

    // The header row names the columns; their order is free, name and email are required.
    QHash<QString, int> columns;
    const auto header = parsed.rows.takeFirst();
    for (int i = 0; i < header.fields.size(); ++i) {
        columns.insert(header.fields.at(i).trimmed().toLower(), i);
    }
    if (header.invalidColumn >= 0) {
        summary.error = tr("Line %1: the header row is not valid UTF-8; save the file as UTF-8.").arg(header.line);
        return summary;
    }
    if (!columns.contains(QStringLiteral("name")) || !columns.contains(QStringLiteral("email"))) {
        summary.error = tr("Line %1: the header row must name the columns name,email,password,role.").arg(header.line);
        return summary;
    }
    if (!parsed.error.isEmpty()) {
        summary.refused.append({ parsed.errorLine, parsed.error });
    }
    const auto field = [&columns](const Row& row, const QString& name) {
        const auto index = columns.value(name, -1);
        return index >= 0 ? row.fields.value(index).trimmed() : QString();
    };

    const int total = static_cast<int>(parsed.rows.size());
    QSet<QString> seenEmails;
    int done = 0;
    for (int offset = 0; offset < total; offset += BatchSize) {
        if (cancelled) {
            summary.cancelled = true;
            break;
        }
        QList<Candidate> batch;
        for (int i = offset; i < qMin(total, offset + BatchSize); ++i) {
            const auto& row = parsed.rows.at(i);
            if (row.fields.size() != header.fields.size()) {
                summary.refused.append(
                    { row.line, tr("Expected %1 fields, found %2.").arg(header.fields.size()).arg(row.fields.size()) });
                continue;
            }
            if (row.invalidColumn >= 0) {
                //: %1 is a column number, %2 its name from the header row
                summary.refused.append({ row.line,
                                         tr("Column %1 (%2) is not valid UTF-8; save the file as UTF-8.")
                                             .arg(row.invalidColumn + 1)
                                             .arg(SafeText::printable(header.fields.value(row.invalidColumn))) });
                continue;
            }
            Candidate candidate;
            candidate.line = row.line;
            candidate.user.name = field(row, QStringLiteral("name"));
            candidate.user.email = field(row, QStringLiteral("email"));
            candidate.user.password = row.fields.value(columns.value(QStringLiteral("password"), -1));
            candidate.user.confirmation = candidate.user.password;
            const auto role = UserRules::canonicalRole(field(row, QStringLiteral("role")));
            candidate.user.role = role.isEmpty()
                ? (candidate.user.password.isEmpty() ? QStringLiteral("pending") : QStringLiteral("user"))
                : role;
            const auto problems = UserRules::validate(candidate.user, true);
            if (!problems.isEmpty()) {
                QStringList reasons;
                for (const auto& problem : problems) {
                    reasons << problem.message;
                }
                summary.refused.append({ row.line, reasons.join(QLatin1Char(' ')) });
                continue;
            }
            const auto key = UserRules::emailKey(candidate.user.email);
            if (seenEmails.contains(key)) {
                summary.refused.append({ row.line,
                                         tr("The email address %1 appears earlier in the file.")
                                             .arg(SafeText::printable(SafeText::normalized(candidate.user.email))) });
                continue;
            }
            seenEmails.insert(key);
            batch.append(candidate);
        }

        // Argon2id is slow on purpose: hash the batch's passwords on every core.
        const bool anyPassword = std::any_of(batch.cbegin(), batch.cend(), [](const Candidate& candidate) {
            return !candidate.user.password.isEmpty();
        });
        if (anyPassword) {
            QtConcurrent::blockingMap(batch, [&cancelled, &callbacks](Candidate& candidate) {
                if (!cancelled && !candidate.user.password.isEmpty()) {
                    candidate.hash = callbacks.hash ? callbacks.hash(candidate.user.password)
                                                    : PasswordHasher::hash(candidate.user.password);
                }
            });
        }
        if (cancelled) {
            summary.cancelled = true;
            break;
        }

        // The batch is committed whole or not at all: a database error (a lock held too long by another program, a
        // full disk) stops the import here, and nothing of this batch is kept or counted.
        const auto notImported = [&](const QString& reason) {
            summary.error = tr("Cannot save the accounts from line %1 on (%2): they were not imported. The %3 "
                               "accounts before were kept; import the file again to add the rest (those already "
                               "created are then refused as duplicates).")
                                .arg(parsed.rows.at(offset).line)
                                .arg(reason)
                                .arg(summary.created);
            qCWarning(lcUsers) << "import stopped at a batch that could not be saved";
        };
        auto db = database->connection();
        Transaction transaction(*database, db);
        if (!transaction.isActive()) {
            notImported(transaction.errorText());
            break;
        }
        UserStore::Writer writer(db);
        int created = 0;
        QList<Refused> refusedInBatch;
        QString failure;
        for (const auto& candidate : std::as_const(batch)) {
            if (!candidate.user.password.isEmpty() && candidate.hash.isEmpty()) {
                refusedInBatch.append({ candidate.line, tr("The password could not be hashed.") });
                continue;
            }
            const auto result = writer.insert(candidate.user, candidate.hash, notify);
            if (result.ok) {
                ++created;
            } else if (result.duplicateEmail) {
                refusedInBatch.append({ candidate.line, result.error });
            } else {
                // SQLite may have rolled the whole transaction back already: nothing more is written in it.
                failure = result.error;
                break;
            }
        }
        if (!failure.isEmpty() || !transaction.commit()) {
            notImported(failure.isEmpty() ? transaction.errorText() : failure);
            break;
        }
        summary.created += created;
        summary.refused.append(refusedInBatch);
        done = qMin(total, offset + BatchSize);
        if (callbacks.batchCommitted && created > 0) {
            callbacks.batchCommitted(created);
        }
        if (callbacks.progress) {
            callbacks.progress(done, total);
        }
    }
    std::sort(summary.refused.begin(), summary.refused.end(),
              [](const Refused& a, const Refused& b) { return a.line < b.line; });
    qCInfo(lcUsers) << "import finished:" << summary.created << "created," << summary.refused.size() << "refused";
    return summary;
}

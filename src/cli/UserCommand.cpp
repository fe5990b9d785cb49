#include "UserCommand.h"

#include "CliContext.h"
#include "DeliveryWaiter.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Notification.h"
#include "outbox/Outbox.h"
#include "storage/Settings.h"
#include "text/SafeText.h"
#include "users/UserRules.h"
#include "webhooks/Endpoint.h"

#include <QFile>
#include <QFutureWatcher>

#include <cstdio>
#include <optional>

namespace {

const QString NameOption = QStringLiteral("name");
const QString EmailOption = QStringLiteral("email");
const QString RoleOption = QStringLiteral("role");
const QString PasswordStdinOption = QStringLiteral("password-stdin");

// The import's notifications get this long for their first attempt; the rest is left to the next running process.
constexpr auto ImportDeliveryWait = std::chrono::seconds(10);
// Beyond the request's own timeout, time to claim the notification and record the attempt.
constexpr int FirstAttemptMarginSeconds = 5;
// How often the database is asked whether another process made the attempts awaited.
constexpr auto AddPollInterval = std::chrono::milliseconds(200);
constexpr auto ImportPollInterval = std::chrono::seconds(1);

// nullopt when the line is not valid UTF-8: a password is never hashed with replacement characters in it.
std::optional<QString> readPasswordLine()
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        return QString();
    }
    auto line = input.readLine();
    while (line.endsWith('\n') || line.endsWith('\r')) {
        line.chop(1);
    }
    auto password = SafeText::fromUtf8(line);
    line.fill('\0');
    return password;
}

} // namespace

QString UserCommand::description() const
{
    return tr("Create and list local accounts; each new account notifies the webhook.");
}

QList<CliCommand::Action> UserCommand::actions() const
{
    const QCommandLineOption name(NameOption, tr("The account's name."), tr("name"));
    const QCommandLineOption email(EmailOption, tr("The account's email address, unique whatever its case."),
                                   tr("email"));
    const QCommandLineOption role(
        RoleOption, tr("user, admin or pending; pending when no password is given, user otherwise."), tr("role"));
    const QCommandLineOption passwordStdin(
        PasswordStdinOption,
        tr("Read the password from the first line of standard input. Without it the account has no password and "
           "must be pending."));
    return {
        { { QStringLiteral("add") },
          tr("Create an account, then wait for the first attempt to notify the webhook and show its outcome."),
          {},
          { name, email, role, passwordStdin } },
        { { QStringLiteral("list") },
          tr("List the accounts, one a line: id, name, email, role, creation time (tab-separated)."),
          {},
          {} },
        { { QStringLiteral("import") },
          tr("Create accounts from a CSV file with the header row name,email,password,role; an empty password makes "
             "a pending account."),
          { { tr("FILE.csv"), tr("The CSV file to import.") } },
          {} },
    };
}

int UserCommand::run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional)
{
    const auto key = action.join(QLatin1Char(' '));
    if (key == QLatin1String("import") && !m_context->requireWritable()) {
        return CliContext::Failure;
    }
    if (key == QLatin1String("add")) {
        return add(parser);
    }
    if (!m_context->settings()) {
        return CliContext::Failure;
    }
    if (key == QLatin1String("list")) {
        return list();
    }
    return importFile(positional.at(0));
}

int UserCommand::add(const QCommandLineParser& parser)
{
    if (!parser.isSet(NameOption) || !parser.isSet(EmailOption)) {
        return usageError(tr("Both --%1 and --%2 are required.").arg(NameOption, EmailOption), actions().constFirst());
    }
    if (!m_context->requireWritable()) {
        return CliContext::Failure;
    }
    NewUser user;
    user.name = parser.value(NameOption);
    user.email = parser.value(EmailOption);
    const bool withPassword = parser.isSet(PasswordStdinOption);
    if (withPassword) {
        const auto password = readPasswordLine();
        if (!password) {
            m_context->error(tr("The password read from standard input is not valid UTF-8."));
            m_context->error(tr("The account was not created."));
            return CliContext::Failure;
        }
        user.password = *password;
        user.confirmation = user.password;
    }
    user.role = parser.isSet(RoleOption) ? UserRules::canonicalRole(parser.value(RoleOption))
                                         : (withPassword ? QStringLiteral("user") : QStringLiteral("pending"));

    const auto problems = UserRules::validate(user, !withPassword);
    if (!problems.isEmpty()) {
        for (const auto& problem : problems) {
            m_context->error(problem.message);
        }
        m_context->error(tr("The account was not created."));
        return CliContext::Failure;
    }
    UserStore store(m_context->database());
    if (store.emailInUse(user.email)) {
        m_context->error(UserRules::duplicateEmailMessage(user.email));
        m_context->error(tr("The account was not created."));
        return CliContext::Failure;
    }

    // The first attempt to every endpoint is awaited: the longest timeout bounds the wait.
    for (const auto& endpoint : EndpointStore(m_context->database()).list()) {
        if (endpoint.isSending() && endpoint.subscribes(Event::UserCreated)) {
            m_timeoutSeconds = qMax(m_timeoutSeconds, endpoint.timeoutSeconds);
        }
    }
    auto* watcher = new QFutureWatcher<UserStore::Created>(this);
    connect(watcher, &QFutureWatcher<UserStore::Created>::finished, this, [this, watcher] {
        watcher->deleteLater();
        onCreated(watcher->result());
    });
    watcher->setFuture(store.createAsync(user, true));
    return Running;
}

void UserCommand::onCreated(const UserStore::Created& created)
{
    if (!created.ok) {
        m_context->error(created.error);
        m_context->error(tr("The account was not created."));
        finish(CliContext::Failure);
        return;
    }
    const auto& user = created.user;
    m_context->print(tr("Account created: %1 <%2>, role %3, id %4")
                         .arg(SafeText::printable(user.name), SafeText::printable(user.email),
                              SafeText::printable(user.role), user.id));
    if (created.notifications.isEmpty()) {
        m_context->print(tr("No webhook is configured: no notification to send."));
        finish(CliContext::Success);
        return;
    }

    // Nothing will be sent to a disabled endpoint (or one that answered 410 Gone): say why rather than wait.
    const auto hold = DeliveryHold::load(m_context->database());
    for (const auto& notification : created.notifications) {
        m_endpointNames.insert(notification.id, hold.endpointName(notification.endpointId));
        if (hold.isHeld(notification.endpointId)) {
            m_context->error(hold.reason(notification.endpointId));
        } else {
            m_awaited.append(notification.id);
        }
    }
    if (m_awaited.isEmpty()) {
        finish(CliContext::Success);
        return;
    }

    // Only the first attempts are awaited: what remains pending is delivered by the next running process.
    auto* database = m_context->database();
    m_waiter = new DeliveryWaiter(database, this);
    connect(m_waiter->service(), &DeliveryService::attemptRecorded, this, [this](const AttemptReport& report) {
        if (!m_reports.contains(report.notificationId)) {
            m_reports.insert(report.notificationId, report);
        }
    });
    connect(m_waiter, &DeliveryWaiter::finished, this, &UserCommand::reportFirstAttempts);
    m_waiter->start(
        [this] {
            return std::all_of(m_awaited.cbegin(), m_awaited.cend(),
                               [this](const QString& id) { return m_reports.contains(id); });
        },
        [this, database] {
            const Outbox outbox(database);
            return std::all_of(m_awaited.cbegin(), m_awaited.cend(), [this, &outbox](const QString& id) {
                return m_reports.contains(id) || !outbox.attempts(id).isEmpty();
            });
        },
        AddPollInterval, std::chrono::seconds(m_timeoutSeconds + FirstAttemptMarginSeconds));
    for (const auto& id : std::as_const(m_awaited)) {
        m_waiter->service()->deliverNow(id);
    }
}

void UserCommand::reportFirstAttempts(bool attempted)
{
    const Outbox outbox(m_context->database());
    // One endpoint: the webhook. Several: each is named.
    const bool named = m_endpointNames.size() > 1;
    for (const auto& notificationId : std::as_const(m_awaited)) {
        const auto endpoint = named
            ? tr("The webhook \"%1\"").arg(SafeText::printable(m_endpointNames.value(notificationId)))
            : tr("The webhook");
        QString summary;
        QString state;
        QDateTime nextAttemptAt;
        if (const auto report = m_reports.constFind(notificationId); report != m_reports.cend()) {
            summary = report->result.summary();
            state = report->state;
            nextAttemptAt = report->nextAttemptAt;
        } else if (const auto attempts = outbox.attempts(notificationId); !attempts.isEmpty()) {
            // Another process made the attempt.
            summary = attempts.constFirst().summary();
            const auto row = outbox.find(notificationId);
            state = row ? row->state : QString();
            nextAttemptAt = row ? row->nextAttemptAt : QDateTime();
        } else {
            Q_ASSERT(!attempted);
            m_context->error(tr("%1 was not notified within %2 s. The notification stays in the outbox: the next "
                                "running Crochet delivers it, or run \"%3 deliveries flush\".")
                                 .arg(endpoint)
                                 .arg(m_timeoutSeconds + FirstAttemptMarginSeconds)
                                 .arg(programName()));
            continue;
        }

        // The summary may quote the receiver (a redirect's Location, an error text).
        summary = SafeText::printable(summary);
        if (state == Outbox::stateKey(Outbox::State::Delivered)) {
            //: %1 is "The webhook" or "The webhook "Name"", %2 the outcome
            m_context->print(tr("%1 was notified: %2").arg(endpoint, summary));
        } else {
            m_context->error(tr("%1 was not notified: %2").arg(endpoint, summary));
            if (state == Outbox::stateKey(Outbox::State::Pending)) {
                m_context->error(tr("The account exists and its notification stays in the outbox: it is retried from "
                                    "%1 by any running Crochet, or run \"%2 deliveries flush\".")
                                     .arg(CliContext::formatTime(nextAttemptAt), programName()));
            } else {
                m_context->error(
                    tr("The account exists, but its notification will not be retried; see \"%1 deliveries show %2\".")
                        .arg(programName(), notificationId));
            }
        }
    }
    finish(CliContext::Success);
}

int UserCommand::list()
{
    const auto users = UserStore(m_context->database()).list();
    for (const auto& user : users) {
        m_context->print(QStringList { user.id, SafeText::printable(user.name), SafeText::printable(user.email),
                                       SafeText::printable(user.role), user.createdAt.toUTC().toString(Qt::ISODate) }
                             .join(QLatin1Char('\t')));
    }
    return CliContext::Success;
}

int UserCommand::importFile(const QString& path)
{
    m_importStartedAt = QDateTime::currentDateTimeUtc();
    auto* importer = new UserImporter(m_context->database(), this);
    connect(importer, &UserImporter::finished, this, &UserCommand::onImported);
    for (const auto& endpoint : EndpointStore(m_context->database()).list()) {
        if (endpoint.isSending() && endpoint.subscribes(Event::UserCreated)) {
            m_sendingEndpoints.append(endpoint.id);
        }
    }
    if (!m_sendingEndpoints.isEmpty()) {
        // Delivering starts with the import: each committed batch wakes the worker, so the first notifications leave
        // while the rest of the file is still being imported.
        m_waiter = new DeliveryWaiter(m_context->database(), this);
        connect(m_waiter->service(), &DeliveryService::attemptRecorded, this, [this](const AttemptReport& report) {
            if (report.number == 1 && report.event == Event::UserCreated) {
                ++m_firstAttempts;
            }
        });
        connect(importer, &UserImporter::batchCommitted, m_waiter->service(), &DeliveryService::wake);
        m_waiter->deliver();
    }
    importer->start(path, true);
    return Running;
}

void UserCommand::onImported(const UserImporter::Summary& summary)
{
    m_imported = summary.created;
    m_context->print(tr("Accounts created: %1").arg(summary.created));
    m_context->print(tr("Rows refused: %1").arg(summary.refused.size()));
    for (const auto& refused : summary.refused) {
        m_context->error(tr("Line %1: %2").arg(refused.line).arg(SafeText::printable(refused.reason)));
    }
    if (!summary.error.isEmpty()) {
        m_context->error(summary.error);
        finish(CliContext::Failure);
        return;
    }
    if (summary.created == 0) {
        finish(CliContext::Success);
        return;
    }
    // Notifications to an endpoint that is not sending (disabled, or after a 410 Gone) wait: say why.
    const auto hold = DeliveryHold::load(m_context->database());
    for (const auto& endpoint : hold.endpoints()) {
        if (endpoint.subscribes(Event::UserCreated) && endpoint.receivesEvents() && !endpoint.isSending()) {
            m_context->error(hold.reason(endpoint.id));
        }
    }
    if (!m_waiter) {
        finish(CliContext::Success);
        return;
    }
    connect(m_waiter, &DeliveryWaiter::finished, this, &UserCommand::reportImportDeliveries);
    // The first attempts are counted from the reports (a notification older than the import may be among them):
    // the database is asked once they add up, and on a timer for what other processes attempt.
    m_firstAttemptsAwaited = summary.created * int(m_sendingEndpoints.size());
    auto* database = m_context->database();
    const auto unattempted = [database, since = m_importStartedAt, endpoints = m_sendingEndpoints] {
        return Outbox(database).countUnattempted(Event::UserCreated, since, endpoints);
    };
    m_waiter->start(
        [this, unattempted] {
            if (m_firstAttempts < m_firstAttemptsAwaited) {
                return false;
            }
            const int left = unattempted();
            m_firstAttemptsAwaited = m_firstAttempts + left;
            return left == 0;
        },
        [unattempted] { return unattempted() == 0; }, ImportPollInterval, ImportDeliveryWait);
}

QList<NotificationRow> UserCommand::importNotifications() const
{
    // The import's notifications are the newest ones.
    auto rows = Outbox(m_context->database()).list(std::nullopt, m_imported * int(m_sendingEndpoints.size()));
    rows.removeIf([this, since = m_importStartedAt.addMSecs(-1)](const NotificationRow& row) {
        return row.createdAt < since || row.event != Events::key(Event::UserCreated)
            || !m_sendingEndpoints.contains(row.endpointId);
    });
    return rows;
}

void UserCommand::reportImportDeliveries()
{
    int delivered = 0;
    int retrying = 0;
    int failed = 0;
    int waiting = 0;
    for (const auto& row : importNotifications()) {
        if (row.state == Outbox::stateKey(Outbox::State::Delivered)) {
            ++delivered;
        } else if (row.state == Outbox::stateKey(Outbox::State::Failed)) {
            ++failed;
        } else if (row.attempts > 0) {
            ++retrying;
        } else {
            ++waiting;
        }
    }
    m_context->print(tr("Notifications: %1 delivered, %2 to be retried, %3 failed, %4 not attempted yet.")
                         .arg(delivered)
                         .arg(retrying)
                         .arg(failed)
                         .arg(waiting));
    if (retrying + waiting > 0) {
        m_context->print(
            tr("What is still pending is delivered by the next running Crochet, or run \"%1 deliveries flush\".")
                .arg(programName()));
    }
    if (failed > 0) {
        m_context->error(
            tr("Some notifications failed for good; see \"%1 deliveries list --status failed\".").arg(programName()));
    }
    finish(CliContext::Success);
}

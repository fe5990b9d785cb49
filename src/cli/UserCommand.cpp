#include "UserCommand.h"

#include "CliContext.h"
#include "DeliveryWaiter.h"
#include "FirstAttempts.h"
#include "HelpText.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Notification.h"
#include "outbox/Outbox.h"
#include "storage/Settings.h"
#include "text/InputEcho.h"
#include "text/SafeText.h"
#include "users/UserRules.h"
#include "webhooks/Endpoint.h"

#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <optional>
#include <unistd.h>

namespace {

const QString NameOption = QStringLiteral("name");
const QString EmailOption = QStringLiteral("email");
const QString RoleOption = QStringLiteral("role");
const QString PasswordStdinOption = QStringLiteral("password-stdin");
const QString SearchOption = QStringLiteral("search");
const QString JsonOption = QStringLiteral("json");
const QString YesOption = QStringLiteral("yes");

// The import's notifications get this long for their first attempt; the rest is left to the next running process.
constexpr auto ImportDeliveryWait = std::chrono::seconds(10);
// How often the database is asked whether another process made the attempts awaited.
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
    return tr("Create, list, show, edit, disable, enable and delete local accounts; each change notifies the endpoints "
              "subscribed to it.");
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
    const CliCommand::Argument account { tr("ID|EMAIL"), tr("The account's id, or its email address.") };
    const QCommandLineOption json(JsonOption, tr("Print the account as a JSON object."));
    const QCommandLineOption yes(YesOption,
                                 tr("Delete without asking (required when standard input is not a "
                                    "terminal)."));
    const QCommandLineOption newName(NameOption, tr("The new name."), tr("name"));
    const QCommandLineOption newEmail(EmailOption, tr("The new email address, unique whatever its case."), tr("email"));
    const QCommandLineOption newRole(RoleOption, tr("The new role: user, admin or pending."), tr("role"));
    const QCommandLineOption newPassword(PasswordStdinOption,
                                         tr("Read the new password from the first line of standard input (required)."));
    return {
        { { QStringLiteral("add") },
          tr("Create an account, then wait for the first attempt to notify the webhook and show its outcome."),
          {},
          { name, email, role, passwordStdin } },
        { { QStringLiteral("list") },
          tr("List the accounts, oldest first, one a line: id, name, email, role, creation time, state "
             "(tab-separated)."),
          {},
          { QCommandLineOption(SearchOption,
                               tr("Only the accounts whose name or email contains this text, whatever its case and "
                                  "accents."),
                               tr("text")),
            QCommandLineOption(JsonOption,
                               tr("Print a JSON array of objects with the keys id, name, email, role, state and "
                                  "created_at.")) } },
        { { QStringLiteral("show") },
          tr("Show an account: id, name, email, role, state, whether it has a password, creation and change times."),
          { account },
          { json } },
        { { QStringLiteral("edit") },
          tr("Change an account's name, email address or role; prints each change and notifies the endpoints "
             "subscribed to user.updated."),
          { account },
          { newName, newEmail, newRole } },
        { { QStringLiteral("passwd") },
          tr("Set a new password, read from standard input; the notification (user.password_reset) carries no "
             "secret."),
          { account },
          { newPassword } },
        { { QStringLiteral("disable") }, tr("Disable an account (user.disabled); its data is kept."), { account }, {} },
        { { QStringLiteral("enable") }, tr("Enable a disabled account again (user.enabled)."), { account }, {} },
        { { QStringLiteral("delete") },
          tr("Delete an account (user.deleted, whose payload keeps its last name, email and role); asks first unless "
             "--yes is given."),
          { account },
          { yes } },
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
    if (key != QLatin1String("import") && !m_context->database()) {
        return CliContext::Failure;
    }
    if (key == QLatin1String("show")) {
        return show(positional.at(0), parser.isSet(JsonOption));
    }
    if (key == QLatin1String("edit")) {
        return edit(positional.at(0), parser);
    }
    if (key == QLatin1String("passwd")) {
        return resetPassword(positional.at(0), parser);
    }
    if (key == QLatin1String("disable") || key == QLatin1String("enable")) {
        return setDisabled(positional.at(0), key == QLatin1String("disable"));
    }
    if (key == QLatin1String("delete")) {
        return remove(positional.at(0), parser.isSet(YesOption));
    }
    if (!m_context->settings()) {
        return CliContext::Failure;
    }
    if (key == QLatin1String("list")) {
        return list(parser);
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
    user.role = withPassword ? Roles::defaultRole() : Role::Pending;
    if (parser.isSet(RoleOption)) {
        user.roleText = parser.value(RoleOption);
    }

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

    auto* watcher = new QFutureWatcher<UserStore::Created>(this);
    connect(watcher, &QFutureWatcher<UserStore::Created>::finished, this, [this, watcher] {
        watcher->deleteLater();
        onCreated(watcher->result());
    });
    watcher->setFuture(store.createAsync(user));
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
    m_context->print(
        tr("Account created: %1 <%2>, role %3, id %4")
            .arg(SafeText::printable(user.name), SafeText::printable(user.email), Roles::key(user.role), user.id));
    awaitFirstAttempts(created.notifications, Event::UserCreated);
}

void UserCommand::awaitFirstAttempts(const QList<Notification>& notifications, Event event)
{
    auto* attempts = new FirstAttempts(
        m_context, event == Event::UserCreated ? FirstAttempts::Subject::NewAccount : FirstAttempts::Subject::Change,
        this);
    connect(attempts, &FirstAttempts::finished, this, [this] { finish(CliContext::Success); });
    attempts->start(notifications, event);
}

CliCommand::Action UserCommand::action(const QString& word) const
{
    const auto all = actions();
    return *std::find_if(all.cbegin(), all.cend(),
                         [&word](const Action& candidate) { return candidate.words.constFirst() == word; });
}

std::optional<UserRecord> UserCommand::account(const QString& idOrEmail)
{
    auto user = UserStore(m_context->database()).find(idOrEmail);
    if (!user) {
        m_context->error(tr("No account has the id or email address \"%1\".").arg(InputEcho::capped(idOrEmail)));
    }
    return user;
}

int UserCommand::show(const QString& idOrEmail, bool json)
{
    const auto user = account(idOrEmail);
    if (!user) {
        return CliContext::Failure;
    }
    if (json) {
        auto object = user->toJson();
        object.insert(QStringLiteral("updated_at"),
                      user->updatedAt.isValid() ? QJsonValue(user->updatedAt.toUTC().toString(Qt::ISODate))
                                                : QJsonValue(QJsonValue::Null));
        object.insert(QStringLiteral("disabled"), user->disabled);
        object.insert(QStringLiteral("has_password"), user->hasPassword);
        // JSON escapes control characters; text-direction ones are made visible like everywhere else.
        object.insert(QStringLiteral("name"), SafeText::printable(user->name));
        object.insert(QStringLiteral("email"), SafeText::printable(user->email));
        m_context->print(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed());
        return CliContext::Success;
    }
    HelpText::Rows rows {
        { tr("Id"), user->id },
        { tr("Name"), SafeText::printable(user->name) },
        { tr("Email"), SafeText::printable(user->email) },
        //: %1 the role's name, %2 its key (user, admin, pending)
        { tr("Role"), tr("%1 (%2)").arg(Roles::displayName(user->role), Roles::key(user->role)) },
        { tr("State"), user->disabled ? tr("disabled") : tr("active") },
        //: user show: the account has no password (a pending account)
        { tr("Password"), user->hasPassword ? tr("set") : tr("none", "password") },
        { tr("Created"), CliContext::formatTime(user->createdAt) },
        { tr("Changed"), user->updatedAt.isValid() ? CliContext::formatTime(user->updatedAt) : tr("never") },
    };
    // Labels with their colon as the language writes it ("Name:", « Nom : »), the values aligned after them.
    for (auto& row : rows) {
        //: user show: a label before its value; %1 the label
        row.first = tr("%1:").arg(row.first);
    }
    qsizetype width = 0;
    for (const auto& row : std::as_const(rows)) {
        width = qMax(width, row.first.size());
    }
    for (const auto& [label, value] : std::as_const(rows)) {
        m_context->print(label + QString(width - label.size() + 1, QLatin1Char(' ')) + value);
    }
    return CliContext::Success;
}

int UserCommand::edit(const QString& idOrEmail, const QCommandLineParser& parser)
{
    if (!parser.isSet(NameOption) && !parser.isSet(EmailOption) && !parser.isSet(RoleOption)) {
        return usageError(tr("Give at least one of --%1, --%2 and --%3.").arg(NameOption, EmailOption, RoleOption),
                          action(QStringLiteral("edit")));
    }
    if (!m_context->requireWritable()) {
        return CliContext::Failure;
    }
    const auto user = account(idOrEmail);
    if (!user) {
        return CliContext::Failure;
    }
    UserChanges changes;
    if (parser.isSet(NameOption)) {
        changes.name = parser.value(NameOption);
    }
    if (parser.isSet(EmailOption)) {
        changes.email = parser.value(EmailOption);
    }
    if (parser.isSet(RoleOption)) {
        changes.role = Roles::fromKey(parser.value(RoleOption));
        if (!changes.role) {
            m_context->error(UserRules::unknownRoleMessage(parser.value(RoleOption)));
            m_context->error(tr("The account was not changed."));
            return CliContext::Failure;
        }
    }
    onChanged(UserStore(m_context->database()).update(user->id, changes));
    return Running;
}

int UserCommand::resetPassword(const QString& idOrEmail, const QCommandLineParser& parser)
{
    if (!parser.isSet(PasswordStdinOption)) {
        return usageError(
            tr("--%1 is required: the password is never given on the command line.").arg(PasswordStdinOption),
            action(QStringLiteral("passwd")));
    }
    if (!m_context->requireWritable()) {
        return CliContext::Failure;
    }
    const auto user = account(idOrEmail);
    if (!user) {
        return CliContext::Failure;
    }
    const auto password = readPasswordLine();
    if (!password) {
        m_context->error(tr("The password read from standard input is not valid UTF-8."));
        m_context->error(tr("The password was not changed."));
        return CliContext::Failure;
    }
    auto* watcher = new QFutureWatcher<UserStore::Changed>(this);
    connect(watcher, &QFutureWatcher<UserStore::Changed>::finished, this, [this, watcher] {
        watcher->deleteLater();
        onChanged(watcher->result());
    });
    watcher->setFuture(UserStore(m_context->database()).resetPasswordAsync(user->id, *password, *password));
    return Running;
}

int UserCommand::setDisabled(const QString& idOrEmail, bool disabled)
{
    if (!m_context->requireWritable()) {
        return CliContext::Failure;
    }
    const auto user = account(idOrEmail);
    if (!user) {
        return CliContext::Failure;
    }
    onChanged(UserStore(m_context->database()).setDisabled(user->id, disabled));
    return Running;
}

int UserCommand::remove(const QString& idOrEmail, bool confirmed)
{
    if (!m_context->requireWritable()) {
        return CliContext::Failure;
    }
    const auto user = account(idOrEmail);
    if (!user) {
        return CliContext::Failure;
    }
    if (!confirmed) {
        if (!isatty(STDIN_FILENO)) {
            return usageError(tr("Standard input is not a terminal to confirm the deletion: add --%1 to delete %2 "
                                 "<%3>.")
                                  .arg(YesOption, SafeText::printable(user->name), SafeText::printable(user->email)),
                              action(QStringLiteral("delete")));
        }
        //: The answer expected is "y" or "yes", or their translation
        m_context->error(tr("Delete the account %1 <%2>? [y/N]")
                             .arg(SafeText::printable(user->name), SafeText::printable(user->email)));
        QFile input;
        const auto answer = input.open(stdin, QIODevice::ReadOnly)
            ? QString::fromUtf8(input.readLine()).trimmed().toLower()
            : QString();
        //: Answers to "Delete the account …? [y/N]", in lower case, separated by |
        const auto yesAnswers = tr("y|yes").split(QLatin1Char('|'));
        if (!yesAnswers.contains(answer) && answer != QLatin1String("y") && answer != QLatin1String("yes")) {
            m_context->error(tr("The account was not deleted."));
            return CliContext::Failure;
        }
    }
    onChanged(UserStore(m_context->database()).remove(user->id));
    return Running;
}

void UserCommand::onChanged(const UserStore::Changed& changed)
{
    const auto& user = changed.user;
    const auto who = tr("%1 <%2>").arg(SafeText::printable(user.name), SafeText::printable(user.email));
    if (changed.unchanged) {
        switch (changed.event) {
        case Event::UserDisabled:
            m_context->print(tr("The account %1 is already disabled: nothing was changed.").arg(who));
            break;
        case Event::UserEnabled:
            m_context->print(tr("The account %1 is already enabled: nothing was changed.").arg(who));
            break;
        default:
            m_context->print(tr("The account %1 already has these values: nothing was changed.").arg(who));
            break;
        }
        finish(CliContext::Success);
        return;
    }
    if (!changed.ok) {
        m_context->error(changed.error);
        if (changed.event == Event::UserDeleted) {
            m_context->error(tr("The account was not deleted."));
        } else if (changed.event == Event::UserPasswordReset) {
            m_context->error(tr("The password was not changed."));
        } else {
            m_context->error(tr("The account was not changed."));
        }
        finish(CliContext::Failure);
        return;
    }
    switch (changed.event) {
    case Event::UserUpdated:
        //: %1 the account, %2 its changes ("name: Ada → Ada L., role: User → Administrator")
        m_context->print(
            tr("Account updated: %1; %2")
                .arg(who,
                     SafeText::printable(Notification::forEvent(changed.event, user, changed.changes).changesText())));
        break;
    case Event::UserPasswordReset:
        m_context->print(tr("Password changed: %1").arg(who));
        break;
    case Event::UserDisabled:
        m_context->print(tr("Account disabled: %1").arg(who));
        break;
    case Event::UserEnabled:
        m_context->print(tr("Account enabled: %1").arg(who));
        break;
    case Event::UserDeleted:
        m_context->print(tr("Account deleted: %1, id %2").arg(who, user.id));
        break;
    case Event::UserCreated:
    case Event::WebhookTest:
        break;
    }
    awaitFirstAttempts(changed.notifications, changed.event);
}

int UserCommand::list(const QCommandLineParser& parser)
{
    UserStore::Query query;
    query.search = parser.value(SearchOption);
    query.column = UserStore::SortColumn::Created;
    query.order = Qt::AscendingOrder;
    const auto users = UserStore(m_context->database()).list(query);
    // Keys, not translated names: what scripts compare.
    const auto state = [](const UserRecord& user) {
        return user.disabled ? QStringLiteral("disabled") : QStringLiteral("active");
    };
    if (parser.isSet(JsonOption)) {
        QJsonArray array;
        for (const auto& user : users) {
            array.append(QJsonObject {
                { QStringLiteral("id"), user.id },
                { QStringLiteral("name"), user.name },
                { QStringLiteral("email"), user.email },
                { QStringLiteral("role"), Roles::key(user.role) },
                { QStringLiteral("state"), state(user) },
                { QStringLiteral("created_at"), user.createdAt.toUTC().toString(Qt::ISODate) },
            });
        }
        m_context->printJson(QJsonDocument(array));
        return CliContext::Success;
    }
    for (const auto& user : users) {
        m_context->print(QStringList { user.id, SafeText::printable(user.name), SafeText::printable(user.email),
                                       Roles::key(user.role), user.createdAt.toUTC().toString(Qt::ISODate),
                                       state(user) }
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
    importer->start(path);
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

void UserCommand::reportImportDeliveries()
{
    // Counted by the database, not listed: an import of 100,000 accounts would read every row back.
    const auto [delivered, retrying, failed, waiting] =
        Outbox(m_context->database())
            .countStates(Event::UserCreated, m_importStartedAt.addMSecs(-1), m_sendingEndpoints);
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

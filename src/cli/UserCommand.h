#pragma once

#include "CliCommand.h"
#include "outbox/DeliveryWorker.h"
#include "outbox/Outbox.h"
#include "users/UserImporter.h"
#include "users/UserStore.h"

#include <QDateTime>
#include <QHash>

class DeliveryWaiter;

// crochet-cli user …: create accounts one by one or from a CSV file, list, show, edit, disable, enable and delete them.
// Every change waits for the first attempt of each of its notifications and shows its outcome.
class UserCommand : public CliCommand
{
    Q_OBJECT

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("user"); }
    QString description() const override;
    QList<Action> actions() const override;

protected:
    int run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional) override;

private:
    int add(const QCommandLineParser& parser);
    int list(const QCommandLineParser& parser);
    int show(const QString& idOrEmail, bool json);
    int edit(const QString& idOrEmail, const QCommandLineParser& parser);
    int resetPassword(const QString& idOrEmail, const QCommandLineParser& parser);
    int setDisabled(const QString& idOrEmail, bool disabled);
    int remove(const QString& idOrEmail, bool confirmed);
    int importFile(const QString& path);
    void onCreated(const UserStore::Created& created);
    // Prints what a change did, or why it was refused, then waits for the first attempts of its notifications.
    void onChanged(const UserStore::Changed& changed);
    Action action(const QString& word) const;
    // The account named on the command line; says so and returns nothing when there is none.
    std::optional<UserRecord> account(const QString& idOrEmail);
    // Sends the notifications now and reports each one's first attempt (FirstAttempts); finishes with Success.
    void awaitFirstAttempts(const QList<Notification>& notifications, Event event);
    void onImported(const UserImporter::Summary& summary);
    void reportImportDeliveries();

    DeliveryWaiter* m_waiter = nullptr;
    QList<qint64> m_sendingEndpoints; // subscribed to user.created and sending, when the import started
    QDateTime m_importStartedAt;
    int m_imported = 0;
    int m_firstAttempts = 0; // first attempts of user.created notifications reported
    int m_firstAttemptsAwaited = 0; // how many the reports must add up to before the database is asked
};

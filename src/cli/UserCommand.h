#pragma once

#include "CliCommand.h"
#include "outbox/DeliveryWorker.h"
#include "outbox/Outbox.h"
#include "users/UserImporter.h"
#include "users/UserStore.h"

#include <QDateTime>
#include <QHash>

class DeliveryWaiter;

// crochet-cli user …: create accounts one by one or from a CSV file, and list them.
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
    int importFile(const QString& path);
    void onCreated(const UserStore::Created& created);
    void reportFirstAttempts(bool attempted);
    void onImported(const UserImporter::Summary& summary);
    QList<NotificationRow> importNotifications() const;
    void reportImportDeliveries();

    DeliveryWaiter* m_waiter = nullptr;
    QHash<QString, AttemptReport> m_reports; // the first attempt of each notification this process made
    int m_timeoutSeconds = 0;
    QStringList m_awaited; // the new account's notifications that are being sent
    QHash<QString, QString> m_endpointNames; // of each awaited notification
    QList<qint64> m_sendingEndpoints; // subscribed to user.created and sending, when the import started
    QDateTime m_importStartedAt;
    int m_imported = 0;
    int m_firstAttempts = 0; // first attempts of user.created notifications reported
    int m_firstAttemptsAwaited = 0; // how many the reports must add up to before the database is asked
};

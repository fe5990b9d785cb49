#pragma once

#include "CliCommand.h"
#include "outbox/Outbox.h"

#include <optional>

class DeliveryWaiter;

// crochet-cli deliveries …: the outbox and its history: list, inspect, schedule again, deliver what is pending.
class DeliveriesCommand : public CliCommand
{
    Q_OBJECT

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("deliveries"); }
    QString description() const override;
    QList<Action> actions() const override;

protected:
    int run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional) override;

private:
    int list(const QCommandLineParser& parser);
    int show(const QString& id);
    int retry(const QCommandLineParser& parser, const QStringList& positional);
    int flush(const QCommandLineParser& parser);
    // Prints the counts and what is still pending; returns how many are.
    int reportFlush();
    // Pending notifications whose endpoint is sending: what a flush waits for.
    int sendablePending() const;
    // The notification id names or begins; otherwise says on stderr that none does, or which ones it could be.
    std::optional<NotificationRow> findOrExplain(const Outbox& outbox, const QString& id);

    DeliveryWaiter* m_waiter = nullptr;
    int m_delivered = 0;
    int m_failed = 0;
    int m_outstanding = 0; // what the reports must account for before the database is asked
};

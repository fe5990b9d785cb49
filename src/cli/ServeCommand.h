#pragma once

#include "CliCommand.h"

#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <memory>

class DeliveryService;
class ServiceLog;
class SignalWatcher;
struct AttemptReport;

// crochet-cli serve: the delivery service. Delivers until SIGTERM or SIGINT, then finishes what is on the wire, gives
// the rest back and exits 0; with --once, delivers what is due and exits (for cron).
class ServeCommand : public CliCommand
{
    Q_OBJECT

public:
    explicit ServeCommand(CliContext* context, QObject* parent = nullptr);
    ~ServeCommand() override;

    QString name() const override { return QStringLiteral("serve"); }
    QString description() const override;
    QList<Action> actions() const override;

protected:
    int run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional) override;

private:
    int serve();
    int once(int timeoutSeconds);
    void connectService();
    void logAttempt(const AttemptReport& report);
    QString endpointName(qint64 endpointId);
    // Pending notifications due at or before at, to endpoints that are sending.
    int dueSendable(const QDateTime& at) const;
    void stopOnSignal(int signalNumber);
    void checkOnce();
    void finishOnce();

    std::unique_ptr<ServiceLog> m_log;
    SignalWatcher* m_signals = nullptr;
    DeliveryService* m_service = nullptr;
    QHash<qint64, QString> m_endpointNames;
    QTimer m_wakeTimer; // the earliest retry this process scheduled
    QDateTime m_wakeAt;
    bool m_stopping = false;
    // --once
    bool m_once = false;
    QDateTime m_onceStartedAt;
    QTimer m_onceTimer;
    QTimer m_onceDeadline;
    int m_delivered = 0;
    int m_retrying = 0;
    int m_failed = 0;
};

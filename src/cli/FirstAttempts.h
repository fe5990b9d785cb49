#pragma once

#include "outbox/DeliveryWorker.h"
#include "outbox/Event.h"
#include "outbox/Notification.h"

#include <QHash>
#include <QObject>
#include <QStringList>

class CliContext;
class DeliveryWaiter;

// What "user add" and every account change print after the change: each notification is sent now, and the first
// attempt to each endpoint is awaited (at most the longest timeout, plus a margin) and reported, delivered or not and
// why. What remains pending is delivered by the next running process.
class FirstAttempts : public QObject
{
    Q_OBJECT

public:
    enum class Subject
    {
        NewAccount, // "The account exists…"
        Change, // "The change is saved…"
    };

    FirstAttempts(CliContext* context, Subject subject, QObject* parent = nullptr);

    // Emits finished() once every first attempt is reported, at once when there is nothing to send.
    void start(const QList<Notification>& notifications, Event event);

signals:
    void finished();

private:
    void report(bool attempted);
    void finish();

    CliContext* m_context;
    Subject m_subject;
    DeliveryWaiter* m_waiter = nullptr;
    QHash<QString, AttemptReport> m_reports; // the first attempt of each notification this process made
    int m_timeoutSeconds = 0;
    QStringList m_awaited; // the notifications being sent
    QHash<QString, QString> m_endpointNames; // of each awaited notification
};

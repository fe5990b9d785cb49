#pragma once

#include "outbox/DeliveryResult.h"
#include "outbox/EndpointPacer.h"
#include "outbox/Outbox.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookUrl.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class Database;
class QNetworkAccessManager;
class Settings;
class PendingDelivery;
class WebhookSender;

// What the window and the CLI learn of each attempt.
struct AttemptReport
{
    QString notificationId;
    qint64 endpointId = -1; // Endpoint::id
    Event event = Event::UserCreated;
    int number = 0;
    DeliveryResult result;
    QString state; // Outbox state key after the attempt
    QDateTime nextAttemptAt;
};
Q_DECLARE_METATYPE(AttemptReport)

// Delivers due notifications from the outbox. Lives in its own thread (see DeliveryService): claims rows under a
// lease, keeps many requests in flight on kept-alive connections, and records results in batched transactions.
class DeliveryWorker : public QObject
{
    Q_OBJECT

public:
    DeliveryWorker(Database* database, QString owner, QObject* parent = nullptr);
    ~DeliveryWorker() override;

public slots:
    void start();
    // Stops claiming; requests not sent yet give their notifications back at once, those on the wire finish (within
    // their timeout) and are recorded; then every lease this worker still holds is released and stopped() is emitted.
    // With graceMs >= 0, requests still on the wire after graceMs are abandoned: aborted, not recorded, and their
    // notifications keep their lease until it runs out, as if the process had been killed (the receiver may have
    // them; nobody sends them again before it could have answered).
    void stop(int graceMs = -1);
    // Look for due notifications now rather than at the next poll.
    void wake();
    // Claim this notification now, even if it is not yet due.
    void deliverNow(const QString& notificationId);

signals:
    void attemptsRecorded(const QList<AttemptReport>& reports);
    void countsChanged(int pending, int failed);
    // The service answered 410 Gone: the endpoint is disabled until its URL changes or it is enabled again.
    void endpointGone(qint64 endpointId, const QString& name);
    // abandoned: how many requests on the wire were abandoned (see stop()).
    void stopped(int abandoned);

private:
    // What sending to one endpoint needs, read on every poll and wake-up.
    struct Target
    {
        QString name;
        WebhookConfig config;
        WebhookUrl::Check check;
        QString maskedUrl;
        PayloadFormat::Shape shape = PayloadFormat::Shape::Json;
        bool digest = false; // Endpoint::digests()
        qint64 digestWindowMs = 0;
    };

    void pump(const QString& onlyId = {}, bool reloadSettings = false);
    void loadTargets();
    // Claims up to room notifications (or onlyId), no more for each endpoint than its pace allows.
    QList<ClaimedNotification> claimPaced(int room, const QString& onlyId);
    // What may go now to a digest endpoint, requests messages at most: sends its digests and returns the
    // notifications to send alone; *resume is brought forward to when its waiting notifications are ready.
    QList<ClaimedNotification> takeDigests(qint64 endpointId, const Target& target, int requests, QDateTime* resume);
    void send(const ClaimedNotification& claimed, const Target& target);
    // One request carrying several notifications (members, claimed whole) of the same event.
    void sendDigest(const QList<ClaimedNotification>& members, Event event, Payload payload, const Target& target);
    WebhookSender* leastBusySender();
    // The bookkeeping of every request that ends, single or digest: no longer in flight, and its endpoint's pace told.
    void answered(PendingDelivery* pending, qint64 endpointId, const DeliveryResult& result);
    void finishAttempt(Outbox::Outcome outcome, AttemptReport report);
    void flush();
    void publishCounts(bool force);
    void finishStopping();
    void abandonInFlight();

    Database* m_database;
    Outbox m_outbox;
    QString m_owner;
    Settings* m_settings = nullptr;
    QHash<qint64, Target> m_targets; // the sending endpoints
    bool m_targetsLoaded = false;
    qint64 m_leaseMs = 0;
    QList<WebhookSender*> m_senders;
    int m_nextSender = 0;
    QTimer m_pollTimer;
    QTimer m_flushTimer;
    QTimer m_purgeTimer;
    QTimer m_abandonTimer;
    QTimer m_paceTimer; // a paced endpoint may be sent to again
    EndpointPacer m_pacer;
    QStringList m_abandoned;
    QList<QPointer<PendingDelivery>> m_pending;
    int m_inFlight = 0;
    int m_maximumInFlight = 0; // handed to the senders at once: what their connections carry, a few rounds deep
    QList<Outbox::Outcome> m_outcomes;
    QList<DigestRecord> m_digests; // recorded with m_outcomes
    QHash<qint64, QDateTime> m_digestSentAt; // when each digest endpoint was last sent to
    // When a digest endpoint's waiting notifications are ready: not asked again before, unless a wake-up or a poll
    // (loadTargets) says something may have changed.
    QHash<qint64, QDateTime> m_digestReadyAt;
    QList<AttemptReport> m_reports;
    QDateTime m_countsPublishedAt;
    int m_lastPending = -1;
    int m_lastFailed = -1;
    bool m_stopped = false;
    bool m_stopSignalled = false;
};

#pragma once

#include "outbox/DeliveryResult.h"
#include "outbox/Notification.h"
#include "webhooks/Endpoint.h"
#include "webhooks/PayloadBuilder.h"
#include "webhooks/PayloadFormat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

class Database;

struct AttemptRecord
{
    QString notificationId;
    int number = 0;
    QDateTime startedAt;
    qint64 durationMs = 0;
    QString url; // masked
    QString requestHeaders; // secrets masked, one "Name: value" a line
    QString requestBody;
    int status = 0;
    QString outcome; // DeliveryResult::outcomeKey
    QString responseHeaders;
    QString responseBody; // excerpt
    QString result; // DeliveryResult::toStored(); empty in attempts recorded before schema 4
    QString diagnostic; // the translated summary older versions stored; empty since schema 4
    // The request body was the notification's stored body. A delivered attempt then keeps only its compact figures
    // (time, duration, status, a short response excerpt): attempts() gives back the body and the request headers
    // from the notification (or, for a digest, from the digest).
    bool bodyStored = false;
    bool delivered = false; // set by setResult()
    // Sent in a digest (one request carrying several notifications): its id (the request's webhook-id), how many it
    // carried, and a few of the other accounts' names. requestHeaders and requestBody are then the digest's.
    QString digestId;
    int digestSize = 0;
    QStringList digestOthers;

    // Its status, outcome and stored result; a compact attempt keeps no result text (its status and duration say it
    // again), so none is made.
    void setResult(const DeliveryResult& deliveryResult);
    // Delivered with the notification's stored body (or its digest's): Outbox::record keeps only the time, duration,
    // status, masked URL, the headers it cannot rebuild and a response excerpt this long at most.
    bool isCompact() const { return bodyStored && delivered; }
    static constexpr qsizetype CompactResponseExcerpt = 200;
    // "Sent in a digest of 12 with Ana, Bo, Cy, …" in the current language (names printable), or empty.
    QString digestSummary() const;
    // What went wrong or how it went, in the current language.
    QString summary() const { return DeliveryResult::storedSummary(result, diagnostic); }
};

struct NotificationRow
{
    QString id;
    QString event;
    QString userName;
    QString state;
    int attempts = 0;
    int lastStatus = 0;
    QString lastResult; // the text older versions stored
    QString lastResultCode; // DeliveryResult::toStored() of the last attempt, since schema 4
    QDateTime nextAttemptAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 sequence = 0; // insertion order: rows recorded in the same millisecond keep it
    qint64 endpointId = -1; // Endpoint::id; its endpoint may have been removed since

    // The last attempt's summary in the current language.
    QString lastResultText() const { return DeliveryResult::storedSummary(lastResultCode, lastResult); }
};

struct ClaimedNotification
{
    // Its id and event only: Outbox::notification() gives the rest, to render the body again.
    Notification notification;
    int attempts = 0;
    // The request body rendered when the notification was written, and the payload shape it was rendered for.
    QByteArray body;
    std::optional<PayloadFormat::Shape> shape;

    // The stored body, when it was rendered for shape.
    std::optional<Payload> storedPayload(PayloadFormat::Shape target) const;
};

// One request that carried several notifications (a digest), as recorded with their attempts.
struct DigestRecord
{
    QString id; // its webhook-id
    qint64 endpointId = -1;
    QDateTime startedAt;
    QString requestHeaders; // as AttemptRecord's
    QString requestBody;
    QList<QPair<QString, int>> members; // each notification's id and attempt number
};

// What a digest endpoint may send now (Outbox::claimDigest).
struct DigestClaim
{
    // Sent alone: redelivered notifications, and the only one due when nothing was sent to the endpoint lately.
    QList<ClaimedNotification> singles;
    // Sent together, read whole (their notification complete); due first, first.
    QList<ClaimedNotification> group;
    // When the notifications waiting for the window will be ready; invalid when none waits.
    QDateTime readyAt;
};

// The transactional outbox: notifications recorded with their account, claimed under an expiring lease by whichever
// process delivers them, and every attempt kept as history.
class Outbox
{
    Q_DECLARE_TR_FUNCTIONS(Outbox)

public:
    enum class State
    {
        Pending,
        Delivered,
        Failed,
    };

    struct Outcome
    {
        AttemptRecord attempt;
        State state = State::Pending;
        QDateTime nextAttemptAt;
    };

    // Which notifications a list shows: all of them, or those matching every field set.
    struct Filter
    {
        std::optional<State> state;
        std::optional<qint64> endpointId;
        // Part of the account's name or email, whatever the case and accents (UserRules::searchFold); the name kept
        // with the notification for deleted accounts.
        QString account;

        bool operator==(const Filter& other) const
        {
            return state == other.state && endpointId == other.endpointId && account == other.account;
        }
    };

    explicit Outbox(Database* database);

    static QString stateKey(State state);
    static std::optional<State> stateFromKey(const QString& key);
    static QString stateDisplayName(const QString& key);

    // Adds the notification for endpoint inside the caller's open transaction, with its request body rendered for
    // the endpoint's shape, with a statement prepared once for many notifications (prepareEnqueue, then enqueue for
    // each). EventWriter gives each event its notifications.
    static bool prepareEnqueue(QSqlQuery& query);
    static bool enqueue(QSqlQuery& prepared, const Notification& notification, const Endpoint& endpoint);
    // A stored payload with what enqueue() left out put back: the event's default template (in the reader's
    // language), and the account and its changes as a stored JSON body carries them.
    static QJsonObject restoredPayload(const QString& payload, Event event, const QVariant& body, const QString& shape);

    // Leases up to limit due notifications to the endpoints (or just onlyId, if it goes to one of them) to owner for
    // leaseMs, in one statement.
    QList<ClaimedNotification> claim(const QString& owner, int limit, qint64 leaseMs, const QList<qint64>& endpoints,
                                     const QString& onlyId = {});
    // The whole notification as it was written, to render its body for another shape than the stored one.
    std::optional<Notification> notification(const QString& id) const;
    // For an endpoint that sends digests, up to requests notifications to send alone (redelivered ones, by retry(id),
    // whenever due; the only one due when quiet, nothing having been sent to it within the window) and, if requests
    // are left, once its oldest due notification has waited windowMs, up to groupLimit of them as a group; all leased
    // to owner.
    DigestClaim claimDigest(const QString& owner, qint64 endpointId, int requests, int groupLimit, qint64 leaseMs,
                            qint64 windowMs, bool quiet);
    // Gives back those of owner's notifications now rather than when the lease runs out (claimed but not sent).
    int unclaim(const QString& owner, const QStringList& ids);
    // Stores the attempts and the new states in one transaction, releasing the leases, with the digests that carried
    // some of them.
    bool record(const QList<Outcome>& outcomes, const QList<DigestRecord>& digests = {});
    // Gives back at once the pending notifications owner still holds, except those in keep (requests abandoned on the
    // wire: their lease runs out first, as if the process had been killed); returns how many.
    int release(const QString& owner, const QStringList& keep = {});

    QList<NotificationRow> list(const Filter& filter, int limit, int offset = 0) const;
    QList<NotificationRow> list(std::optional<State> state, int limit, int offset = 0) const
    {
        return list(Filter { state, std::nullopt, {} }, limit, offset);
    }
    int count(const Filter& filter) const;
    int count(std::optional<State> state) const { return count(Filter { state, std::nullopt, {} }); }
    // How many notifications are pending for each endpoint (Endpoint::id).
    QHash<qint64, int> pendingByEndpoint() const;
    // How many pending notifications fell due at or before at, for each endpoint (Endpoint::id), whether or not a
    // process holds them under a lease.
    QHash<qint64, int> dueByEndpoint(const QDateTime& at) const;
    // For each of those endpoints (Endpoint::id), its newest notification that was attempted at least once: its state
    // and its last attempt's result. Endpoints with none are left out.
    QHash<qint64, NotificationRow> lastResultByEndpoint(const QList<qint64>& endpoints) const;
    // Notifications of event to those endpoints created since then that are pending with no attempt yet.
    int countUnattempted(Event event, const QDateTime& since, const QList<qint64>& endpoints) const;
    // What became of the notifications of event to those endpoints created since then, counted by the database.
    struct StateCounts
    {
        int delivered = 0;
        int retrying = 0; // pending after an attempt
        int failed = 0;
        int waiting = 0; // pending, not attempted yet
    };
    StateCounts countStates(Event event, const QDateTime& since, const QList<qint64>& endpoints) const;
    // The notification whose id is id or begins with it, when exactly one does.
    std::optional<NotificationRow> find(const QString& id) const;
    // Up to limit ids beginning with prefix, in order: to tell "none" from "ambiguous".
    QStringList idsStartingWith(const QString& prefix, int limit) const;
    QList<AttemptRecord> attempts(const QString& notificationId) const;
    // When the earliest pending notification falls due, if any.
    std::optional<QDateTime> nextDue() const;

    // Schedule again now; returns how many notifications were rescheduled. A notification redelivered this way goes
    // alone, never in a digest.
    int retry(const QString& id);
    int retryFailed();
    // Makes every pending notification due now, whatever its schedule (a lease still runs out first); returns how
    // many were moved.
    int scheduleAllNow();
    // Forgets delivered and failed notifications last touched more than days ago.
    int purge(int days);

private:
    static bool insertDigests(QSqlDatabase& db, const QList<DigestRecord>& digests);
    // Fills in each attempt's digest, if it was sent in one.
    void attachDigests(QList<AttemptRecord>& attempts) const;

    Database* m_database;
};

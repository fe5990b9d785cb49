#pragma once

#include "outbox/Event.h"
#include "webhooks/PayloadFormat.h"
#include "webhooks/WebhookSender.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

class Database;

// One webhook Crochet notifies: where, in which format, of which events, with which messages, signed how. Stored in
// the endpoints table; the WEBHOOK_URL environment variable adds one more, read-only, while it is set.
struct Endpoint
{
    Q_DECLARE_TR_FUNCTIONS(Endpoint)

public:
    // The id of the endpoint WEBHOOK_URL adds; stored endpoints count from 1.
    static constexpr qint64 EnvironmentId = 0;

    static constexpr int MinimumTimeoutSeconds = 1;
    static constexpr int MaximumTimeoutSeconds = 300;
    static constexpr int DefaultTimeoutSeconds = 10;
    static constexpr int MaximumNameLength = 64;
    // After a rotation the previous secret still signs, next to the new one, this long.
    static constexpr int PreviousSecretHours = 24;
    static constexpr int MinimumDigestWindowSeconds = 1;
    static constexpr int MaximumDigestWindowSeconds = 300;
    static constexpr int DefaultDigestWindowSeconds = 10;

    enum class State
    {
        Active,
        Disabled, // by an administrator
        Gone, // disabled by Crochet after the service answered 410 Gone
        NoUrl, // the main endpoint before a URL is saved
    };

    qint64 id = -1;
    QString name;
    QString url;
    PayloadFormat::Format format = PayloadFormat::Auto;
    int timeoutSeconds = DefaultTimeoutSeconds;
    bool enabled = true;
    // The endpoint Settings → General edits ("Main"); there is always exactly one.
    bool main = false;
    QList<Event> events = Events::defaultSubscription();
    // The administrator's message for an event; an event without one uses MessageTemplate's default.
    QHash<Event, QString> templates;
    QString signingSecret;
    QString previousSigningSecret;
    QDateTime previousSecretExpiresAt;
    HeaderList headers;
    // Whether notifications falling due within digestWindowSeconds go as one message listing the accounts; unset:
    // the format's default (PayloadFormat::digestsByDefault), so that a chat endpoint is polite whatever its history.
    std::optional<bool> digest;
    int digestWindowSeconds = DefaultDigestWindowSeconds;
    // When the service answered 410 Gone: the endpoint stays disabled until its URL changes or an administrator
    // enables it again (EndpointStore::save clears it then).
    QDateTime goneAt;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool isEnvironment() const { return id == EnvironmentId; }
    bool isReadOnly() const { return isEnvironment(); }
    bool subscribes(Event event) const { return event == Event::WebhookTest || events.contains(event); }
    State state() const;
    // Whether its notifications are sent: enabled, with a URL, not gone.
    bool isSending() const { return state() == State::Active; }
    // Whether events are written for it: enabled with a URL. After a 410 they still are, and wait with their reason
    // until the administrator gives it a new URL (or enables it again): nothing is lost meanwhile. A disabled
    // endpoint gets none.
    bool receivesEvents() const { return state() == State::Active || state() == State::Gone; }
    // The message for event: the administrator's template or the default one, in the current language.
    QString messageTemplate(Event event) const;
    PayloadFormat::Shape shape() const;
    QString host() const;
    // Whether its notifications go as digests: its choice, or its format's default.
    bool digests() const { return digest.value_or(PayloadFormat::digestsByDefault(shape())); }

    // A new signing secret; the current one, if any, keeps signing next to it for PreviousSecretHours.
    void rotateSecret(const QDateTime& now = QDateTime::currentDateTimeUtc());
    void clearSecret();
    // The previous secret, while it still signs.
    bool previousSecretSigns(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

    // "Active", "Disabled", "Disabled after HTTP 410", "No URL", in the current language.
    static QString stateDisplayName(State state);
    // "active", "disabled", "gone", "no-url": the state as the CLI's JSON output gives it.
    static QString stateKey(State state);
    // Why notifications to it wait, for the Deliveries page and the CLI; empty when it is sending.
    QString holdReason() const;
    // The translated name of the main endpoint when it is created ("Main").
    static QString defaultMainName();
    // The name WEBHOOK_URL's endpoint is shown under.
    static QString environmentName();

    // Why it cannot be saved (translated), or empty: its name, URL, timeout, headers and templates.
    QString problem() const;
};

// The endpoints in the database. Changes are written in one transaction each; changed() follows the commit.
class EndpointStore : public QObject
{
    Q_OBJECT

public:
    explicit EndpointStore(Database* database, QObject* parent = nullptr);

    // Every endpoint: the main one first, then the others by name, then WEBHOOK_URL's (when set and
    // includeEnvironment).
    QList<Endpoint> list(bool includeEnvironment = true) const;
    std::optional<Endpoint> find(qint64 id) const;
    // By name, ignoring case; WEBHOOK_URL's endpoint answers to its name.
    std::optional<Endpoint> findByName(const QString& name) const;
    Endpoint main() const;
    // WEBHOOK_URL's endpoint, while the variable is set.
    static std::optional<Endpoint> environment();

    // Adds endpoint (its id is set); false and *error (translated) when it is refused or cannot be written.
    bool add(Endpoint& endpoint, QString* error = nullptr);
    // Writes endpoint whole; the same.
    bool save(const Endpoint& endpoint, QString* error = nullptr);
    // Reads the endpoint, lets change modify it and writes it, in one transaction; change returns false to write
    // nothing.
    bool update(qint64 id, const std::function<bool(Endpoint& endpoint)>& change, QString* error = nullptr);
    // Removes an endpoint (not the main one, nor WEBHOOK_URL's). Its pending notifications fail with the reason
    // "endpoint removed"; its history stays.
    bool remove(qint64 id, QString* error = nullptr);

    // Records that the service answered 410 Gone at url: the endpoint stops sending until its URL changes or it is
    // enabled again. Nothing happens if its URL has changed since.
    bool markGone(qint64 id, const QString& url, const QDateTime& at);

    // Endpoints subscribed to event that receive events (Endpoint::receivesEvents), read on db (inside the caller's
    // transaction): each gets one notification of the event.
    static QList<Endpoint> subscribers(QSqlDatabase db, Event event);
    // Every endpoint read on db, for the delivery worker.
    static QList<Endpoint> load(QSqlDatabase db, bool includeEnvironment = true);

signals:
    void changed();

private:
    // changed(), here and, on PostgreSQL, in every process (SqlDialect::SettingsChannel).
    void announceChange();

    Database* m_database;
};

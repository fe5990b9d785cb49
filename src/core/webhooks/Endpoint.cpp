#include "webhooks/Endpoint.h"

#include "Log.h"
#include "outbox/DeliveryResult.h"
#include "storage/Database.h"
#include "webhooks/MessageTemplate.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookUrl.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace {

const QString Columns = QStringLiteral(
    "id, name, url, format, timeout_seconds, enabled, main, events, templates, signing_secret, "
    "previous_signing_secret, previous_secret_expires_at, headers, gone_at, created_at, updated_at, digest, "
    "digest_window_seconds");

QDateTime fromMs(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant toMs(const QDateTime& time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qlonglong>());
}

QString templatesToJson(const QHash<Event, QString>& templates)
{
    QJsonObject object;
    for (auto it = templates.cbegin(); it != templates.cend(); ++it) {
        object.insert(Events::key(it.key()), it.value());
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QHash<Event, QString> templatesFromJson(const QString& json)
{
    QHash<Event, QString> templates;
    const auto object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (const auto event = Events::fromKey(it.key())) {
            templates.insert(*event, it.value().toString());
        }
    }
    return templates;
}

Endpoint readEndpoint(const QSqlQuery& query)
{
    Endpoint endpoint;
    endpoint.id = query.value(0).toLongLong();
    endpoint.name = query.value(1).toString();
    endpoint.url = query.value(2).toString();
    endpoint.format = PayloadFormat::fromKey(query.value(3).toString()).value_or(PayloadFormat::Auto);
    endpoint.timeoutSeconds =
        qBound(Endpoint::MinimumTimeoutSeconds, query.value(4).toInt(), Endpoint::MaximumTimeoutSeconds);
    endpoint.enabled = query.value(5).toBool();
    endpoint.main = query.value(6).toBool();
    // Keys a newer version added are skipped rather than refused: the rest of the subscription still holds.
    endpoint.events.clear();
    for (const auto& key : query.value(7).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (const auto event = Events::fromKey(key); event && !endpoint.events.contains(*event)) {
            endpoint.events.append(*event);
        }
    }
    endpoint.templates = templatesFromJson(query.value(8).toString());
    endpoint.signingSecret = query.value(9).toString();
    endpoint.previousSigningSecret = query.value(10).toString();
    endpoint.previousSecretExpiresAt = fromMs(query.value(11));
    endpoint.headers = WebhookConfig::parseHeaders(query.value(12).toString());
    endpoint.goneAt = fromMs(query.value(13));
    endpoint.createdAt = fromMs(query.value(14));
    endpoint.updatedAt = fromMs(query.value(15));
    if (!query.value(16).isNull()) {
        endpoint.digest = query.value(16).toBool();
    }
    endpoint.digestWindowSeconds =
        qBound(Endpoint::MinimumDigestWindowSeconds, query.value(17).toInt(), Endpoint::MaximumDigestWindowSeconds);
    return endpoint;
}

QString nameKey(const QString& name)
{
    return name.trimmed().normalized(QString::NormalizationForm_C).toCaseFolded();
}

bool execOrWarn(QSqlQuery& query, QString* error)
{
    if (query.exec()) {
        return true;
    }
    qCWarning(lcDatabase) << "endpoint query failed:" << query.lastError().text();
    if (error) {
        *error = Endpoint::tr("The endpoint could not be saved: %1").arg(query.lastError().databaseText());
    }
    return false;
}

QList<Endpoint> select(QSqlDatabase db, const QString& where, const QVariantList& values)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM endpoints %2 ORDER BY main DESC, name_key, id").arg(Columns, where));
    for (const auto& value : values) {
        query.addBindValue(value);
    }
    QList<Endpoint> endpoints;
    if (execOrWarn(query, nullptr)) {
        while (query.next()) {
            endpoints.append(readEndpoint(query));
        }
    }
    return endpoints;
}

// Binds every column but id, created_at and updated_at, in the order of the INSERT and UPDATE statements.
void bindFields(QSqlQuery& query, const Endpoint& endpoint)
{
    query.addBindValue(Database::text(endpoint.name.trimmed()));
    query.addBindValue(Database::text(nameKey(endpoint.name)));
    query.addBindValue(Database::text(endpoint.url.trimmed()));
    query.addBindValue(PayloadFormat::key(endpoint.format));
    query.addBindValue(endpoint.timeoutSeconds);
    query.addBindValue(endpoint.enabled ? 1 : 0);
    query.addBindValue(endpoint.main ? 1 : 0);
    query.addBindValue(Database::text(Events::toKeys(endpoint.events)));
    query.addBindValue(templatesToJson(endpoint.templates));
    query.addBindValue(Database::text(endpoint.signingSecret));
    query.addBindValue(Database::text(endpoint.previousSigningSecret));
    query.addBindValue(toMs(endpoint.previousSecretExpiresAt));
    query.addBindValue(WebhookConfig::serializeHeaders(endpoint.headers));
    query.addBindValue(toMs(endpoint.goneAt));
    query.addBindValue(endpoint.digest ? QVariant(*endpoint.digest ? 1 : 0) : QVariant(QMetaType::fromType<int>()));
    query.addBindValue(endpoint.digestWindowSeconds);
}

} // namespace

Endpoint::State Endpoint::state() const
{
    if (url.trimmed().isEmpty()) {
        return State::NoUrl;
    }
    if (goneAt.isValid()) {
        return State::Gone;
    }
    return enabled ? State::Active : State::Disabled;
}

QString Endpoint::messageTemplate(Event event) const
{
    const auto custom = templates.value(event);
    return custom.isEmpty() ? MessageTemplate::defaultText(event) : custom;
}

PayloadFormat::Shape Endpoint::shape() const
{
    return PayloadFormat::resolve(format, QUrl(url.trimmed()));
}

QString Endpoint::host() const
{
    return QUrl(url.trimmed()).host();
}

void Endpoint::rotateSecret(const QDateTime& now)
{
    if (!signingSecret.isEmpty()) {
        previousSigningSecret = signingSecret;
        previousSecretExpiresAt = now.addSecs(qint64(PreviousSecretHours) * 3600);
    }
    signingSecret = Signature::generateSecret();
}

void Endpoint::clearSecret()
{
    signingSecret.clear();
    previousSigningSecret.clear();
    previousSecretExpiresAt = {};
}

bool Endpoint::previousSecretSigns(const QDateTime& now) const
{
    return !previousSigningSecret.isEmpty() && previousSecretExpiresAt.isValid() && now < previousSecretExpiresAt;
}

QString Endpoint::stateDisplayName(State state)
{
    switch (state) {
    case State::Active:
        //: Webhooks page: the state of an endpoint that is sent notifications
        return tr("Active");
    case State::Disabled:
        //: Webhooks page: the state of an endpoint an administrator disabled
        return tr("Disabled");
    case State::Gone:
        //: Webhooks page: the state of an endpoint Crochet disabled because the service answered 410 Gone
        return tr("Disabled after HTTP 410");
    case State::NoUrl:
        //: Webhooks page: the state of the main endpoint before a URL is saved
        return tr("No URL");
    }
    return {};
}

QString Endpoint::stateKey(State state)
{
    switch (state) {
    case State::Active:
        return QStringLiteral("active");
    case State::Disabled:
        return QStringLiteral("disabled");
    case State::Gone:
        return QStringLiteral("gone");
    case State::NoUrl:
        return QStringLiteral("no-url");
    }
    return {};
}

QString Endpoint::holdReason() const
{
    switch (state()) {
    case State::Active:
        return {};
    case State::Disabled:
        return tr("Waiting: the endpoint \"%1\" is disabled.").arg(name);
    case State::Gone:
        //: %1 is the endpoint's name
        return tr("Waiting: the endpoint \"%1\" was disabled after HTTP 410 (its webhook no longer exists on the "
                  "service). Give it a new URL in Settings → Webhooks (or with \"crochet-cli endpoint set \"%1\" "
                  "--url-stdin\"), or enable it again: the waiting notifications are then sent.")
            .arg(name);
    case State::NoUrl:
        return tr("Waiting: the endpoint \"%1\" has no URL.").arg(name);
    }
    return {};
}

QString Endpoint::defaultMainName()
{
    //: The name of the endpoint that Settings → General edits, and that an older database's webhook becomes
    return tr("Main");
}

QString Endpoint::environmentName()
{
    return QString::fromLatin1(WebhookUrl::EnvironmentVariable);
}

QString Endpoint::problem() const
{
    const auto trimmedName = name.trimmed();
    if (trimmedName.isEmpty()) {
        return tr("The endpoint needs a name.");
    }
    if (trimmedName.size() > MaximumNameLength) {
        return tr("The endpoint name is too long: %1 characters at most.").arg(MaximumNameLength);
    }
    if (nameKey(trimmedName) == nameKey(environmentName()) && !isEnvironment()) {
        return tr("The name %1 is kept for the endpoint the environment variable adds.").arg(environmentName());
    }
    if (!url.trimmed().isEmpty() || !main) {
        const auto check = WebhookUrl::validate(url.trimmed());
        if (!check.isValid()) {
            return check.message;
        }
    }
    if (timeoutSeconds < MinimumTimeoutSeconds || timeoutSeconds > MaximumTimeoutSeconds) {
        return tr("The timeout must be between %1 and %2 seconds.")
            .arg(MinimumTimeoutSeconds)
            .arg(MaximumTimeoutSeconds);
    }
    if (digestWindowSeconds < MinimumDigestWindowSeconds || digestWindowSeconds > MaximumDigestWindowSeconds) {
        return tr("The digest window must be between %1 and %2 seconds.")
            .arg(MinimumDigestWindowSeconds)
            .arg(MaximumDigestWindowSeconds);
    }
    for (const auto& [headerName, value] : headers) {
        const auto headerProblem =
            WebhookConfig::headerProblem(QString::fromLatin1(headerName), QString::fromUtf8(value));
        if (!headerProblem.isEmpty()) {
            return headerProblem;
        }
    }
    for (auto it = templates.cbegin(); it != templates.cend(); ++it) {
        const auto templateProblem = MessageTemplate::problem(it.value());
        if (!templateProblem.isEmpty()) {
            return tr("The message for \"%1\": %2").arg(Events::displayName(it.key()), templateProblem);
        }
    }
    if (!signingSecret.isEmpty() && !Signature::isValidSecret(signingSecret)) {
        return tr("The signing secret must look like whsec_ followed by base64.");
    }
    return {};
}

EndpointStore::EndpointStore(Database* database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
}

QList<Endpoint> EndpointStore::load(QSqlDatabase db, bool includeEnvironment)
{
    auto endpoints = select(db, {}, {});
    if (includeEnvironment) {
        if (auto fromEnvironment = environment()) {
            endpoints.append(*fromEnvironment);
        }
    }
    return endpoints;
}

QList<Endpoint> EndpointStore::list(bool includeEnvironment) const
{
    return load(m_database->connection(), includeEnvironment);
}

std::optional<Endpoint> EndpointStore::find(qint64 id) const
{
    if (id == Endpoint::EnvironmentId) {
        return environment();
    }
    const auto found = select(m_database->connection(), QStringLiteral("WHERE id = ?"), { id });
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

std::optional<Endpoint> EndpointStore::findByName(const QString& name) const
{
    const auto fromEnvironment = environment();
    if (fromEnvironment && nameKey(name) == nameKey(fromEnvironment->name)) {
        return fromEnvironment;
    }
    const auto found = select(m_database->connection(), QStringLiteral("WHERE name_key = ?"), { nameKey(name) });
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

Endpoint EndpointStore::main() const
{
    const auto found = select(m_database->connection(), QStringLiteral("WHERE main = 1"), {});
    if (!found.isEmpty()) {
        return found.first();
    }
    Endpoint endpoint;
    endpoint.main = true;
    endpoint.name = Endpoint::defaultMainName();
    return endpoint;
}

std::optional<Endpoint> EndpointStore::environment()
{
    const auto url = WebhookUrl::environmentValue();
    if (url.isEmpty()) {
        return std::nullopt;
    }
    Endpoint endpoint;
    endpoint.id = Endpoint::EnvironmentId;
    endpoint.name = Endpoint::environmentName();
    endpoint.url = url;
    return endpoint;
}

bool EndpointStore::add(Endpoint& endpoint, QString* error)
{
    if (endpoint.isEnvironment()) {
        endpoint.id = -1;
    }
    endpoint.main = false;
    if (const auto problem = endpoint.problem(); !problem.isEmpty()) {
        if (error) {
            *error = problem;
        }
        return false;
    }
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (findByName(endpoint.name)) {
        if (error) {
            *error = tr("An endpoint named \"%1\" already exists.").arg(endpoint.name.trimmed());
        }
        return false;
    }
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO endpoints (name, name_key, url, format, timeout_seconds, enabled, main, events, templates, "
        "signing_secret, previous_signing_secret, previous_secret_expires_at, headers, gone_at, digest, "
        "digest_window_seconds, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?) RETURNING id"));
    bindFields(insert, endpoint);
    const auto now = QDateTime::currentDateTimeUtc();
    insert.addBindValue(now.toMSecsSinceEpoch());
    insert.addBindValue(now.toMSecsSinceEpoch());
    if (!execOrWarn(insert, error) || !insert.next()) {
        return false;
    }
    endpoint.id = insert.value(0).toLongLong();
    insert.finish();
    if (!transaction.commit()) {
        return false;
    }
    endpoint.createdAt = endpoint.updatedAt = now;
    announceChange();
    return true;
}

bool EndpointStore::save(const Endpoint& endpoint, QString* error)
{
    return update(
        endpoint.id,
        [&endpoint](Endpoint& stored) {
            const bool main = stored.main;
            const auto createdAt = stored.createdAt;
            stored = endpoint;
            stored.main = main;
            stored.createdAt = createdAt;
            return true;
        },
        error);
}

bool EndpointStore::update(qint64 id, const std::function<bool(Endpoint& endpoint)>& change, QString* error)
{
    if (id == Endpoint::EnvironmentId) {
        if (error) {
            *error = tr("The endpoint %1 comes from the environment variable of that name and cannot be changed here.")
                         .arg(Endpoint::environmentName());
        }
        return false;
    }
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive()) {
        if (error) {
            *error = tr("The endpoint could not be saved: %1").arg(transaction.errorText());
        }
        return false;
    }
    const auto found = select(db, QStringLiteral("WHERE id = ?"), { id });
    if (found.isEmpty()) {
        if (error) {
            *error = tr("This endpoint no longer exists.");
        }
        return false;
    }
    const auto before = found.first();
    auto endpoint = before;
    if (!change(endpoint)) {
        return false;
    }
    endpoint.id = before.id;
    // A new URL, or enabling it again, is the administrator's answer to a 410: send again.
    if (endpoint.url.trimmed() != before.url.trimmed() || (endpoint.enabled && !before.enabled)) {
        endpoint.goneAt = {};
    }
    if (const auto problem = endpoint.problem(); !problem.isEmpty()) {
        if (error) {
            *error = problem;
        }
        return false;
    }
    if (nameKey(endpoint.name) != nameKey(before.name)) {
        const auto other = select(db, QStringLiteral("WHERE name_key = ? AND id != ?"), { nameKey(endpoint.name), id });
        if (!other.isEmpty()) {
            if (error) {
                *error = tr("An endpoint named \"%1\" already exists.").arg(endpoint.name.trimmed());
            }
            return false;
        }
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "UPDATE endpoints SET name = ?, name_key = ?, url = ?, format = ?, timeout_seconds = ?, enabled = ?, "
        "main = ?, events = ?, templates = ?, signing_secret = ?, previous_signing_secret = ?, "
        "previous_secret_expires_at = ?, headers = ?, gone_at = ?, digest = ?, digest_window_seconds = ?, "
        "updated_at = ? WHERE id = ?"));
    bindFields(query, endpoint);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(id);
    if (!execOrWarn(query, error) || !transaction.commit()) {
        return false;
    }
    announceChange();
    return true;
}

bool EndpointStore::remove(qint64 id, QString* error)
{
    const auto endpoint = find(id);
    if (!endpoint) {
        if (error) {
            *error = tr("This endpoint no longer exists.");
        }
        return false;
    }
    if (endpoint->main || endpoint->isEnvironment()) {
        if (error) {
            *error = endpoint->main
                ? tr("The main endpoint cannot be removed: clear its URL in Settings → General to stop it.")
                : tr("The endpoint %1 comes from the environment variable of that name: unset it to remove it.")
                      .arg(Endpoint::environmentName());
        }
        return false;
    }
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    QSqlQuery fail(db);
    fail.prepare(QStringLiteral(
        "UPDATE notifications SET state = 'failed', last_result_code = ?, next_attempt_at = NULL, lease_owner = NULL, "
        "lease_until = NULL, updated_at = ? WHERE endpoint_id = ? AND state = 'pending'"));
    DeliveryResult removed;
    removed.outcome = DeliveryResult::Outcome::EndpointRemoved;
    fail.addBindValue(removed.toStored());
    fail.addBindValue(QDateTime::currentMSecsSinceEpoch());
    fail.addBindValue(id);
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM endpoints WHERE id = ?"));
    remove.addBindValue(id);
    if (!execOrWarn(fail, error) || !execOrWarn(remove, error) || !transaction.commit()) {
        return false;
    }
    announceChange();
    return true;
}

void EndpointStore::announceChange()
{
    SqlDialect::notify(m_database->connection(), SqlDialect::SettingsChannel);
    emit changed();
}

bool EndpointStore::markGone(qint64 id, const QString& url, const QDateTime& at)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE endpoints SET gone_at = ?, updated_at = ? WHERE id = ? AND url = ?"));
    query.addBindValue(at.toMSecsSinceEpoch());
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(id);
    query.addBindValue(url);
    if (!execOrWarn(query, nullptr)) {
        return false;
    }
    announceChange();
    return query.numRowsAffected() > 0;
}

QList<Endpoint> EndpointStore::subscribers(QSqlDatabase db, Event event)
{
    auto endpoints = load(db, true);
    endpoints.removeIf(
        [event](const Endpoint& endpoint) { return !endpoint.receivesEvents() || !endpoint.subscribes(event); });
    return endpoints;
}

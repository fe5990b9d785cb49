#include "outbox/Outbox.h"

#include "Log.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "text/SafeText.h"
#include "users/UserRules.h"
#include "users/UserStore.h"
#include "webhooks/WebhookConfig.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QDateTime fromMs(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// A notification delivered by a compact attempt keeps no result of its own (Outbox::record): its last attempt's
// duration, with its status, says it again.
const QString RowColumns = QStringLiteral(
    "id, event, user_name, state, attempts, last_status, last_result, next_attempt_at, created_at, updated_at, "
    "last_result_code, rowid, endpoint_id, CASE WHEN last_result_code IS NULL AND last_status BETWEEN 200 AND 299 THEN "
    "(SELECT a.duration_ms FROM attempts a WHERE a.notification = notifications.rowid AND a.body_stored = 1 "
    "ORDER BY a.id DESC LIMIT 1) END");

// What a delivered attempt's result needs to say it ("Delivered: HTTP 204 in 12 ms."): its status and duration.
QString deliveredResult(int status, qint64 durationMs)
{
    DeliveryResult result;
    result.outcome = DeliveryResult::Outcome::Delivered;
    result.httpStatus = status;
    result.durationMs = durationMs;
    return result.toStored();
}

NotificationRow readRow(const QSqlQuery& query)
{
    NotificationRow row;
    row.id = query.value(0).toString();
    row.event = query.value(1).toString();
    row.userName = query.value(2).toString();
    row.state = query.value(3).toString();
    row.attempts = query.value(4).toInt();
    row.lastStatus = query.value(5).toInt();
    row.lastResult = query.value(6).toString();
    row.nextAttemptAt = fromMs(query.value(7));
    row.createdAt = fromMs(query.value(8));
    row.updatedAt = fromMs(query.value(9));
    row.lastResultCode = query.value(10).toString();
    row.sequence = query.value(11).toLongLong();
    row.endpointId = query.value(12).isNull() ? -1 : query.value(12).toLongLong();
    if (row.lastResultCode.isEmpty() && !query.value(13).isNull()) {
        row.lastResultCode = deliveredResult(row.lastStatus, query.value(13).toLongLong());
    }
    return row;
}

// An attempt's notification, as the attempts table refers to it (schema 11): the row number of the notification
// whose id is bound.
const QString NotificationRowOf = QStringLiteral("(SELECT rowid FROM notifications WHERE id = ?)");

// Endpoint ids written into a statement's IN (...): numbers only.
QString idList(const QList<qint64>& ids)
{
    QStringList numbers;
    for (const auto id : ids) {
        numbers << QString::number(id);
    }
    return numbers.join(QLatin1Char(','));
}

QString likePattern(const QString& text)
{
    return Database::likeLiteral(text);
}

// The request header lines a compact attempt rebuilds from its notification and its time; the others (custom headers,
// masked, and the signature, masked) are all it stores.
bool derivedHeaderLine(const QString& line)
{
    for (const auto name : { QLatin1String("Content-Type: "), QLatin1String("User-Agent: "),
                             QLatin1String("webhook-id: "), QLatin1String("webhook-timestamp: ") }) {
        if (line.startsWith(name)) {
            return true;
        }
    }
    return false;
}

QString compactHeaders(const QString& described)
{
    auto lines = described.split(QLatin1Char('\n'));
    lines.removeIf(derivedHeaderLine);
    return lines.join(QLatin1Char('\n'));
}

// The lines WebhookConfig::describeHeaders gave when the attempt was made, in its order.
QString expandHeaders(const QString& stored, const QByteArray& contentType, const QString& notificationId,
                      const QDateTime& startedAt)
{
    HeaderList headers;
    QByteArray signature;
    for (const auto& line : stored.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const auto colon = line.indexOf(QLatin1String(": "));
        const auto name = line.left(colon).toLatin1();
        const auto value = line.mid(colon + 2).toUtf8();
        if (name == "webhook-signature") {
            signature = value;
        } else {
            headers.append({ name, value });
        }
    }
    headers.append({ QByteArrayLiteral("webhook-id"), notificationId.toUtf8() });
    headers.append({ QByteArrayLiteral("webhook-timestamp"), QByteArray::number(startedAt.toSecsSinceEpoch()) });
    if (!signature.isEmpty()) {
        headers.append({ QByteArrayLiteral("webhook-signature"), signature });
    }
    // Values are masked already; describeHeaders masks them again to the same text.
    return WebhookConfig::describeHeaders(headers, contentType);
}

// A JSON body carries the account and its changes as they were, unless a value had to be made printable (SafeText):
// then the payload need not keep a second copy of them. Only what PayloadBuilder writes back exactly counts.
bool jsonBodyCarriesValues(const Notification& notification)
{
    const auto sentAsIs = [](const QString& text) {
        return SafeText::printable(text) == text;
    };
    if (notification.user
        && !(sentAsIs(notification.user->name) && sentAsIs(notification.user->email)
             && sentAsIs(notification.user->id))) {
        return false;
    }
    for (auto it = notification.changes.constBegin(); it != notification.changes.constEnd(); ++it) {
        const auto change = it.value().toObject();
        const auto from = change.value(QStringLiteral("from")).toString();
        const auto to = change.value(QStringLiteral("to")).toString();
        if (!sentAsIs(from) || !sentAsIs(to)
            || it.value() != QJsonObject { { QStringLiteral("from"), from }, { QStringLiteral("to"), to } }) {
            return false;
        }
    }
    return true;
}

bool execOrWarn(QSqlQuery& query)
{
    if (!query.exec()) {
        qCWarning(lcDelivery) << "outbox query failed:" << query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

Outbox::Outbox(Database* database)
    : m_database(database)
{
}

QString Outbox::stateKey(State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Delivered:
        return QStringLiteral("delivered");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<Outbox::State> Outbox::stateFromKey(const QString& key)
{
    for (const auto state : { State::Pending, State::Delivered, State::Failed }) {
        if (stateKey(state) == key) {
            return state;
        }
    }
    return std::nullopt;
}

QString Outbox::stateDisplayName(const QString& key)
{
    if (key == QLatin1String("pending")) {
        return tr("Pending");
    }
    if (key == QLatin1String("delivered")) {
        return tr("Delivered");
    }
    if (key == QLatin1String("failed")) {
        return tr("Failed");
    }
    return key;
}

bool Outbox::prepareEnqueue(QSqlQuery& query)
{
    return query.prepare(QStringLiteral(
        "INSERT INTO notifications (id, event, endpoint_id, user_id, user_name, payload, body, shape, state, attempts, "
        "next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)"));
}

bool Outbox::enqueue(QSqlQuery& query, const Notification& notification, const Endpoint& endpoint)
{
    const auto now = nowMs();
    // The payload keeps what renders the body again for another shape, should the endpoint's format change: the
    // template and the account as they were. The id, the event and the time have columns of their own; what can be
    // rebuilt is left out (notification() puts it back): the template when it is its event's default, the account and
    // its changes when the JSON body carries them unchanged. Only what is left is made, most often nothing ("{}").
    const auto shape = endpoint.shape();
    QJsonObject source;
    if (notification.text != MessageTemplate::defaultText(notification.event)) {
        source.insert(QStringLiteral("template"), notification.text);
    }
    if (shape != PayloadFormat::Shape::Json || !jsonBodyCarriesValues(notification)) {
        if (notification.user) {
            source.insert(QStringLiteral("user"), notification.user->toJson());
        }
        if (!notification.changes.isEmpty()) {
            source.insert(QStringLiteral("changes"), notification.changes);
        }
    }
    query.addBindValue(notification.id);
    query.addBindValue(Events::key(notification.event));
    query.addBindValue(endpoint.id);
    query.addBindValue(notification.user ? notification.user->id : QString());
    query.addBindValue(notification.user ? notification.user->name : QString());
    query.addBindValue(QString::fromUtf8(QJsonDocument(source).toJson(QJsonDocument::Compact)));
    query.addBindValue(QString::fromUtf8(PayloadBuilder::build(notification, shape).body));
    query.addBindValue(PayloadFormat::shapeKey(shape));
    query.addBindValue(now);
    query.addBindValue(now);
    query.addBindValue(now);
    return execOrWarn(query);
}

std::optional<Payload> ClaimedNotification::storedPayload(PayloadFormat::Shape target) const
{
    if (!shape || *shape != target || body.isNull()) {
        return std::nullopt;
    }
    return Payload { PayloadBuilder::contentType(target), body };
}

QList<ClaimedNotification> Outbox::claim(const QString& owner, int limit, qint64 leaseMs,
                                         const QList<qint64>& endpoints, const QString& onlyId)
{
    QList<ClaimedNotification> claimed;
    if (endpoints.isEmpty()) {
        return claimed;
    }
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive()) {
        return claimed;
    }
    const auto now = nowMs();
    // One statement leases the whole batch and reads back what sending needs. Due first, then in the order they were
    // written: the order of the due index itself (it ends on the rowid), so no claim sorts the backlog (a flush makes
    // every pending notification due at the same time).
    QSqlQuery lease(db);
    lease.prepare(
        QStringLiteral("UPDATE notifications SET lease_owner = :owner, lease_until = :until WHERE rowid IN ("
                       "SELECT rowid FROM notifications WHERE state = 'pending' "
                       "AND (lease_until IS NULL OR lease_until < :now) AND endpoint_id IN (%2) %1 "
                       "ORDER BY next_attempt_at, rowid LIMIT :limit%3) "
                       "RETURNING id, event, attempts, body, shape, next_attempt_at, rowid, endpoint_id")
            .arg(onlyId.isEmpty() ? QStringLiteral("AND next_attempt_at <= :now") : QStringLiteral("AND id = :id"),
                 idList(endpoints), SqlDialect::skipLocked(m_database->engine())));
    lease.bindValue(QStringLiteral(":owner"), owner);
    lease.bindValue(QStringLiteral(":until"), now + leaseMs);
    lease.bindValue(QStringLiteral(":now"), now);
    lease.bindValue(QStringLiteral(":limit"), limit);
    if (!onlyId.isEmpty()) {
        lease.bindValue(QStringLiteral(":id"), onlyId);
    }
    if (!execOrWarn(lease)) {
        return {};
    }
    struct Order
    {
        qint64 due;
        qint64 rowid;
    };
    QList<QPair<Order, ClaimedNotification>> rows;
    while (lease.next()) {
        ClaimedNotification item;
        const auto body = lease.value(3);
        if (!body.isNull()) {
            item.body = body.toString().toUtf8();
            item.shape = PayloadFormat::shapeFromKey(lease.value(4).toString());
        }
        item.notification.id = lease.value(0).toString();
        item.notification.event = Events::fromKey(lease.value(1).toString()).value_or(Event::WebhookTest);
        item.attempts = lease.value(2).toInt();
        item.notification.endpointId = lease.value(7).isNull() ? -1 : lease.value(7).toLongLong();
        rows.append({ Order { lease.value(5).toLongLong(), lease.value(6).toLongLong() }, item });
    }
    lease.finish();
    if (lease.lastError().isValid() || !transaction.commit()) {
        return {};
    }
    // RETURNING gives no order: due first, as selected.
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first.due, a.first.rowid) < std::tie(b.first.due, b.first.rowid);
    });
    claimed.reserve(rows.size());
    for (auto& row : rows) {
        claimed.append(std::move(row.second));
    }
    return claimed;
}

QJsonObject Outbox::restoredPayload(const QString& payload, Event event, const QVariant& body, const QString& shape)
{
    auto source = QJsonDocument::fromJson(payload.toUtf8()).object();
    if (!source.contains(QStringLiteral("template")) && !source.contains(QStringLiteral("text"))) {
        source.insert(QStringLiteral("template"), MessageTemplate::defaultText(event));
    }
    if (!source.contains(QStringLiteral("user")) && !body.isNull()
        && PayloadFormat::shapeFromKey(shape) == PayloadFormat::Shape::Json) {
        const auto values = QJsonDocument::fromJson(body.toString().toUtf8()).object();
        for (const auto& key : { QStringLiteral("user"), QStringLiteral("changes") }) {
            if (values.contains(key) && !source.contains(key)) {
                source.insert(key, values.value(key));
            }
        }
    }
    return source;
}

std::optional<Notification> Outbox::notification(const QString& id) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral(
        "SELECT n.event, n.payload, n.user_id, n.user_name, u.name, u.email, u.role, u.password_hash IS NOT NULL, "
        "u.created_at, u.id, n.created_at, n.endpoint_id, n.body, n.shape FROM notifications n "
        "LEFT JOIN users u ON u.id = n.user_id WHERE n.id = ?"));
    query.addBindValue(id);
    if (!execOrWarn(query) || !query.next()) {
        return std::nullopt;
    }
    const auto event = Events::fromKey(query.value(0).toString()).value_or(Event::WebhookTest);
    auto notification = Notification::fromJson(
        restoredPayload(query.value(1).toString(), event, query.value(12), query.value(13).toString()));
    notification.id = id;
    notification.event = event;
    if (!notification.timestamp.isValid()) {
        notification.timestamp = fromMs(query.value(10));
    }
    notification.endpointId = query.value(11).isNull() ? -1 : query.value(11).toLongLong();
    const auto userId = query.value(2).toString();
    if (!notification.user && !userId.isEmpty()) {
        UserRecord user;
        user.id = userId;
        user.name = query.value(3).toString();
        if (!query.value(9).isNull()) {
            user.name = query.value(4).toString();
            user.email = query.value(5).toString();
            user.role = Roles::fromStored(query.value(6).toString());
            user.hasPassword = query.value(7).toBool();
            user.createdAt = QDateTime::fromString(query.value(8).toString(), Qt::ISODate);
        }
        notification.user = user;
    }
    return notification;
}

void AttemptRecord::setResult(const DeliveryResult& deliveryResult)
{
    status = deliveryResult.httpStatus;
    outcome = DeliveryResult::outcomeKey(deliveryResult.outcome);
    delivered = deliveryResult.isSuccess();
    result = isCompact() ? QString() : deliveryResult.toStored();
    diagnostic.clear();
}

namespace {

// Delivered with the stored body (AttemptRecord::isCompact), and nothing to say beyond its status and duration.
bool recordedCompact(const Outbox::Outcome& outcome)
{
    const auto& a = outcome.attempt;
    return a.bodyStored && outcome.state == Outbox::State::Delivered && !outcome.nextAttemptAt.isValid()
        && a.diagnostic.isEmpty() && a.outcome == DeliveryResult::outcomeKey(DeliveryResult::Outcome::Delivered);
}

// Compact attempts, with what every compact row shares written in the statements instead of bound each time.
bool recordCompact(QSqlDatabase& db, const QList<const Outbox::Outcome*>& outcomes, qint64 now)
{
    if (outcomes.isEmpty()) {
        return true;
    }
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO attempts (notification, number, started_at, duration_ms, url, "
                                  "request_headers, request_body, status, outcome, response_headers, response_body, "
                                  "diagnostic, result, body_stored) VALUES (%1, ?, ?, ?, ?, ?, '', ?, 'delivered', "
                                  "NULL, ?, '', NULL, 1)")
                       .arg(NotificationRowOf));
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE notifications SET attempts = attempts + 1, state = 'delivered', "
                                  "next_attempt_at = NULL, last_status = ?, last_result = '', last_result_code = NULL, "
                                  "lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?"));
    for (const auto* outcome : outcomes) {
        const auto& a = outcome->attempt;
        const auto status = a.status > 0 ? QVariant(a.status) : QVariant();
        insert.addBindValue(a.notificationId);
        insert.addBindValue(a.number);
        insert.addBindValue(a.startedAt.toMSecsSinceEpoch());
        insert.addBindValue(a.durationMs);
        insert.addBindValue(Database::text(a.url)); // masked; where it went is worth its few bytes
        insert.addBindValue(Database::text(compactHeaders(a.requestHeaders)));
        insert.addBindValue(status);
        insert.addBindValue(Database::text(a.responseBody.left(AttemptRecord::CompactResponseExcerpt)));
        update.addBindValue(status);
        update.addBindValue(now);
        update.addBindValue(a.notificationId);
        if (!execOrWarn(insert) || !execOrWarn(update)) {
            return false;
        }
    }
    return true;
}

} // namespace

bool Outbox::record(const QList<Outcome>& outcomes, const QList<DigestRecord>& digests)
{
    if (outcomes.isEmpty()) {
        return true;
    }
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    const auto now = nowMs();
    QList<const Outcome*> compact;
    std::optional<QSqlQuery> insert;
    std::optional<QSqlQuery> update;
    for (const auto& outcome : outcomes) {
        if (recordedCompact(outcome)) {
            compact.append(&outcome);
            continue;
        }
        // Anything else keeps its full detail.
        if (!insert) {
            insert.emplace(db);
            insert->prepare(
                QStringLiteral(
                    "INSERT INTO attempts (notification, number, started_at, duration_ms, url, request_headers, "
                    "request_body, status, outcome, response_headers, response_body, diagnostic, result, body_stored) "
                    "VALUES (%1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, ''), ?, ?)")
                    .arg(NotificationRowOf));
            update.emplace(db);
            update->prepare(QStringLiteral(
                "UPDATE notifications SET attempts = attempts + 1, state = ?, next_attempt_at = ?, last_status = ?, "
                "last_result = COALESCE(?, ''), last_result_code = ?, lease_owner = NULL, lease_until = NULL, "
                "updated_at = ? WHERE id = ?"));
        }
        const auto& a = outcome.attempt;
        insert->addBindValue(a.notificationId);
        insert->addBindValue(a.number);
        insert->addBindValue(a.startedAt.toMSecsSinceEpoch());
        insert->addBindValue(a.durationMs);
        insert->addBindValue(Database::text(a.url));
        insert->addBindValue(Database::text(a.requestHeaders));
        insert->addBindValue(Database::text(a.requestBody));
        insert->addBindValue(a.status > 0 ? QVariant(a.status) : QVariant());
        insert->addBindValue(Database::text(a.outcome));
        insert->addBindValue(Database::text(a.responseHeaders));
        insert->addBindValue(Database::text(a.responseBody));
        insert->addBindValue(Database::text(a.diagnostic));
        insert->addBindValue(a.result.isEmpty() ? QVariant() : QVariant(a.result));
        insert->addBindValue(QVariant());
        update->addBindValue(stateKey(outcome.state));
        update->addBindValue(outcome.nextAttemptAt.isValid() ? QVariant(outcome.nextAttemptAt.toMSecsSinceEpoch())
                                                             : QVariant());
        update->addBindValue(a.status > 0 ? QVariant(a.status) : QVariant());
        update->addBindValue(Database::text(a.diagnostic));
        update->addBindValue(a.result.isEmpty() ? QVariant() : QVariant(a.result));
        update->addBindValue(now);
        update->addBindValue(a.notificationId);
        if (!execOrWarn(*insert) || !execOrWarn(*update)) {
            return false;
        }
    }
    return recordCompact(db, compact, now) && insertDigests(db, digests) && transaction.commit();
}

int Outbox::release(const QString& owner, const QStringList& keep)
{
    QSqlQuery query(m_database->connection());
    QStringList placeholders;
    placeholders.fill(QStringLiteral("?"), keep.size());
    query.prepare(QStringLiteral("UPDATE notifications SET lease_owner = NULL, lease_until = NULL "
                                 "WHERE lease_owner = ? AND state = 'pending' %1")
                      .arg(keep.isEmpty()
                               ? QString()
                               : QStringLiteral("AND id NOT IN (%1)").arg(placeholders.join(QLatin1Char(',')))));
    query.addBindValue(owner);
    for (const auto& id : keep) {
        query.addBindValue(id);
    }
    return execOrWarn(query) ? query.numRowsAffected() : 0;
}

namespace {

// The WHERE clause of a filter and its values, in order.
QPair<QString, QVariantList> whereClause(const Outbox::Filter& filter)
{
    QStringList conditions;
    QVariantList values;
    if (filter.state) {
        conditions << QStringLiteral("state = ?");
        values << Outbox::stateKey(*filter.state);
    }
    if (filter.endpointId) {
        conditions << QStringLiteral("endpoint_id = ?");
        values << *filter.endpointId;
    }
    const auto folded = UserRules::searchFold(filter.account);
    if (!folded.isEmpty()) {
        conditions << QStringLiteral("(user_id IN (SELECT id FROM users WHERE search_key LIKE ? ESCAPE '!') "
                                     "OR user_name LIKE ? ESCAPE '!')");
        values << UserStore::searchPattern(filter.account)
               << QString(QLatin1Char('%') + likePattern(filter.account.trimmed()) + QLatin1Char('%'));
    }
    return { conditions.isEmpty() ? QString() : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND ")),
             values };
}

} // namespace

QList<NotificationRow> Outbox::list(const Filter& filter, int limit, int offset) const
{
    const auto [where, values] = whereClause(filter);
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("SELECT %1 FROM notifications %2 ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?")
            .arg(RowColumns, where));
    for (const auto& value : values) {
        query.addBindValue(value);
    }
    query.addBindValue(SqlDialect::limit(limit));
    query.addBindValue(offset);
    QList<NotificationRow> rows;
    if (execOrWarn(query)) {
        while (query.next()) {
            rows.append(readRow(query));
        }
    }
    return rows;
}

int Outbox::count(const Filter& filter) const
{
    const auto [where, values] = whereClause(filter);
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM notifications %1").arg(where));
    for (const auto& value : values) {
        query.addBindValue(value);
    }
    return execOrWarn(query) && query.next() ? query.value(0).toInt() : 0;
}

QHash<qint64, int> Outbox::pendingByEndpoint() const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT endpoint_id, COUNT(*) FROM notifications WHERE state = 'pending' "
                                 "GROUP BY endpoint_id"));
    QHash<qint64, int> counts;
    if (execOrWarn(query)) {
        while (query.next()) {
            counts.insert(query.value(0).isNull() ? -1 : query.value(0).toLongLong(), query.value(1).toInt());
        }
    }
    return counts;
}

QHash<qint64, int> Outbox::dueByEndpoint(const QDateTime& at) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT endpoint_id, COUNT(*) FROM notifications WHERE state = 'pending' "
                                 "AND next_attempt_at <= ? GROUP BY endpoint_id"));
    query.addBindValue(at.toMSecsSinceEpoch());
    QHash<qint64, int> counts;
    if (execOrWarn(query)) {
        while (query.next()) {
            counts.insert(query.value(0).isNull() ? -1 : query.value(0).toLongLong(), query.value(1).toInt());
        }
    }
    return counts;
}

QHash<qint64, NotificationRow> Outbox::lastResultByEndpoint(const QList<qint64>& endpoints) const
{
    // Newest first by rowid: the scan stops at the endpoint's newest attempted notification, at once for an endpoint
    // in use (one GROUP BY over every notification is slower: it sorts them all).
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT %1 FROM notifications WHERE endpoint_id = ? AND attempts > 0 "
                                 "ORDER BY rowid DESC LIMIT 1")
                      .arg(RowColumns));
    QHash<qint64, NotificationRow> rows;
    for (const auto id : endpoints) {
        query.addBindValue(id);
        if (!execOrWarn(query)) {
            break;
        }
        if (query.next()) {
            rows.insert(id, readRow(query));
        }
        query.finish();
    }
    return rows;
}

int Outbox::countUnattempted(Event event, const QDateTime& since, const QList<qint64>& endpoints) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE state = 'pending' AND created_at >= ? "
                                 "AND attempts = 0 AND event = ? AND endpoint_id IN (%1)")
                      .arg(idList(endpoints)));
    query.addBindValue(since.toMSecsSinceEpoch());
    query.addBindValue(Events::key(event));
    return execOrWarn(query) && query.next() ? query.value(0).toInt() : 0;
}

Outbox::StateCounts Outbox::countStates(Event event, const QDateTime& since, const QList<qint64>& endpoints) const
{
    StateCounts counts;
    if (endpoints.isEmpty()) {
        return counts;
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT state, attempts > 0, COUNT(*) FROM notifications WHERE created_at >= ? "
                                 "AND event = ? AND endpoint_id IN (%1) GROUP BY state, attempts > 0")
                      .arg(idList(endpoints)));
    query.addBindValue(since.toMSecsSinceEpoch());
    query.addBindValue(Events::key(event));
    if (!execOrWarn(query)) {
        return counts;
    }
    while (query.next()) {
        const auto state = stateFromKey(query.value(0).toString()).value_or(State::Pending);
        const auto count = query.value(2).toInt();
        if (state == State::Delivered) {
            counts.delivered += count;
        } else if (state == State::Failed) {
            counts.failed += count;
        } else if (query.value(1).toBool()) {
            counts.retrying += count;
        } else {
            counts.waiting += count;
        }
    }
    return counts;
}

std::optional<NotificationRow> Outbox::find(const QString& id) const
{
    QSqlQuery query(m_database->connection());
    // A unique prefix is enough, as with git commits.
    query.prepare(QStringLiteral("SELECT %1 FROM notifications WHERE id LIKE ? ESCAPE '!' LIMIT 2").arg(RowColumns));
    query.addBindValue(QString(likePattern(id) + QLatin1Char('%')));
    if (id.isEmpty() || !execOrWarn(query) || !query.next()) {
        return std::nullopt;
    }
    auto row = readRow(query);
    if (query.next()) {
        return std::nullopt;
    }
    return row;
}

QStringList Outbox::idsStartingWith(const QString& prefix, int limit) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT id FROM notifications WHERE id LIKE ? ESCAPE '!' ORDER BY id LIMIT ?"));
    query.addBindValue(QString(likePattern(prefix) + QLatin1Char('%')));
    query.addBindValue(SqlDialect::limit(limit));
    QStringList ids;
    if (!prefix.isEmpty() && execOrWarn(query)) {
        while (query.next()) {
            ids << query.value(0).toString();
        }
    }
    return ids;
}

QList<AttemptRecord> Outbox::attempts(const QString& notificationId) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral(
        "SELECT a.number, a.started_at, a.duration_ms, a.url, a.request_headers, a.request_body, a.status, a.outcome, "
        "a.response_headers, a.response_body, a.diagnostic, a.result, a.body_stored, n.body, n.shape "
        "FROM attempts a JOIN notifications n ON n.rowid = a.notification "
        "WHERE n.id = ? ORDER BY a.number, a.id"));
    query.addBindValue(notificationId);
    QList<AttemptRecord> list;
    if (!execOrWarn(query)) {
        return list;
    }
    while (query.next()) {
        AttemptRecord a;
        a.notificationId = notificationId;
        a.number = query.value(0).toInt();
        a.startedAt = fromMs(query.value(1));
        a.durationMs = query.value(2).toLongLong();
        a.url = query.value(3).toString();
        a.requestHeaders = query.value(4).toString();
        a.requestBody = query.value(5).toString();
        a.status = query.value(6).toInt();
        a.outcome = query.value(7).toString();
        a.responseHeaders = query.value(8).toString();
        a.responseBody = query.value(9).toString();
        a.diagnostic = query.value(10).toString();
        a.result = query.value(11).toString();
        a.bodyStored = query.value(12).toInt() == 1;
        if (a.bodyStored) {
            a.result = deliveredResult(a.status, a.durationMs);
            a.requestBody = query.value(13).toString();
            const auto shape = PayloadFormat::shapeFromKey(query.value(14).toString());
            a.requestHeaders =
                expandHeaders(a.requestHeaders, PayloadBuilder::contentType(shape.value_or(PayloadFormat::Shape::Json)),
                              notificationId, a.startedAt);
        }
        list.append(a);
    }
    attachDigests(list);
    return list;
}

std::optional<QDateTime> Outbox::nextDue() const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT MIN(%1(next_attempt_at, COALESCE(lease_until, 0))) FROM notifications "
                                 "WHERE state = 'pending'")
                      .arg(SqlDialect::greatest(m_database->engine())));
    if (execOrWarn(query) && query.next() && !query.value(0).isNull()) {
        return fromMs(query.value(0));
    }
    return std::nullopt;
}

int Outbox::retry(const QString& id)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE notifications SET state = 'pending', next_attempt_at = ?, updated_at = ?, "
                                 "solo = 1 WHERE id = ? AND (state != 'pending' OR next_attempt_at > ?)"));
    const auto now = nowMs();
    query.addBindValue(now);
    query.addBindValue(now);
    query.addBindValue(id);
    query.addBindValue(now);
    return execOrWarn(query) ? query.numRowsAffected() : 0;
}

int Outbox::retryFailed()
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE notifications SET state = 'pending', next_attempt_at = ?, updated_at = ? "
                                 "WHERE state = 'failed'"));
    const auto now = nowMs();
    query.addBindValue(now);
    query.addBindValue(now);
    return execOrWarn(query) ? query.numRowsAffected() : 0;
}

int Outbox::scheduleAllNow()
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE notifications SET next_attempt_at = ?, updated_at = ? "
                                 "WHERE state = 'pending' AND next_attempt_at > ?"));
    const auto now = nowMs();
    query.addBindValue(now);
    query.addBindValue(now);
    query.addBindValue(now);
    return execOrWarn(query) ? query.numRowsAffected() : 0;
}

int Outbox::purge(int days)
{
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive()) {
        return 0;
    }
    const auto before = nowMs() - qint64(days) * 24 * 3600 * 1000;
    // Their attempts first: an attempt refers to its notification's row number, which cannot cascade (schema 11).
    QSqlQuery attempts(db);
    attempts.prepare(QStringLiteral("DELETE FROM attempts WHERE notification IN (SELECT rowid FROM notifications "
                                    "WHERE state != 'pending' AND updated_at < ?)"));
    attempts.addBindValue(before);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM notifications WHERE state != 'pending' AND updated_at < ?"));
    query.addBindValue(before);
    if (!execOrWarn(attempts) || !execOrWarn(query)) {
        return 0;
    }
    const int removed = query.numRowsAffected();
    // A digest goes with the last notification it carried.
    QSqlQuery digests(db);
    if (removed > 0
        && !digests.exec(
            QStringLiteral("DELETE FROM digests WHERE id NOT IN (SELECT digest_id FROM digest_members)"))) {
        return 0;
    }
    return transaction.commit() ? removed : 0;
}

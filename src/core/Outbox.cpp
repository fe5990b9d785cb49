#include "Outbox.h"

#include "Database.h"
#include "Log.h"

#include <QJsonDocument>
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

const QString RowColumns = QStringLiteral(
    "id, event, user_name, state, attempts, last_status, last_result, next_attempt_at, created_at, updated_at, "
    "last_result_code, rowid");

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
    return row;
}

// A null QString binds as SQL NULL; history columns hold text, empty when there is none.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// A LIKE pattern matching text literally (with ESCAPE '\\').
QString likePattern(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return text;
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

bool Outbox::enqueue(QSqlDatabase db, const Notification& notification)
{
    QSqlQuery query(db);
    return prepareEnqueue(query) && enqueue(query, notification);
}

bool Outbox::prepareEnqueue(QSqlQuery& query)
{
    return query.prepare(
        QStringLiteral("INSERT INTO notifications (id, event, user_id, user_name, payload, state, attempts, "
                       "next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)"));
}

bool Outbox::enqueue(QSqlQuery& query, const Notification& notification)
{
    const auto now = nowMs();
    query.addBindValue(notification.id);
    query.addBindValue(notification.event);
    query.addBindValue(notification.user ? notification.user->id : QString());
    query.addBindValue(notification.user ? notification.user->name : QString());
    query.addBindValue(QString::fromUtf8(QJsonDocument(notification.toJson()).toJson(QJsonDocument::Compact)));
    query.addBindValue(now);
    query.addBindValue(now);
    query.addBindValue(now);
    return execOrWarn(query);
}

QList<ClaimedNotification> Outbox::claim(const QString& owner, int limit, qint64 leaseMs, const QString& onlyId)
{
    QList<ClaimedNotification> claimed;
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive()) {
        return claimed;
    }
    const auto now = nowMs();
    QSqlQuery select(db);
    select.prepare(
        QStringLiteral("SELECT id, payload, attempts FROM notifications WHERE state = 'pending' "
                       "AND (lease_until IS NULL OR lease_until < :now) %1 "
                       "ORDER BY next_attempt_at, created_at LIMIT :limit")
            .arg(onlyId.isEmpty() ? QStringLiteral("AND next_attempt_at <= :now") : QStringLiteral("AND id = :id")));
    select.bindValue(QStringLiteral(":now"), now);
    select.bindValue(QStringLiteral(":limit"), limit);
    if (!onlyId.isEmpty()) {
        select.bindValue(QStringLiteral(":id"), onlyId);
    }
    if (!execOrWarn(select)) {
        return {};
    }
    while (select.next()) {
        ClaimedNotification item;
        item.notification = Notification::fromJson(QJsonDocument::fromJson(select.value(1).toByteArray()).object());
        item.notification.id = select.value(0).toString();
        item.attempts = select.value(2).toInt();
        claimed.append(item);
    }
    QSqlQuery lease(db);
    lease.prepare(QStringLiteral("UPDATE notifications SET lease_owner = ?, lease_until = ? WHERE id = ?"));
    for (const auto& item : std::as_const(claimed)) {
        lease.addBindValue(owner);
        lease.addBindValue(now + leaseMs);
        lease.addBindValue(item.notification.id);
        if (!execOrWarn(lease)) {
            return {};
        }
    }
    if (!transaction.commit()) {
        return {};
    }
    return claimed;
}

void AttemptRecord::setResult(const DeliveryResult& deliveryResult)
{
    status = deliveryResult.httpStatus;
    outcome = DeliveryResult::outcomeKey(deliveryResult.outcome);
    result = deliveryResult.toStored();
    diagnostic.clear();
}

bool Outbox::record(const QList<Outcome>& outcomes)
{
    if (outcomes.isEmpty()) {
        return true;
    }
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO attempts (notification_id, number, started_at, duration_ms, url, request_headers, request_body, "
        "status, outcome, response_headers, response_body, diagnostic, result) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, ''), ?)"));
    QSqlQuery update(db);
    update.prepare(QStringLiteral(
        "UPDATE notifications SET attempts = attempts + 1, state = ?, next_attempt_at = ?, last_status = ?, "
        "last_result = COALESCE(?, ''), last_result_code = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? "
        "WHERE id = ?"));
    const auto now = nowMs();
    for (const auto& outcome : outcomes) {
        const auto& a = outcome.attempt;
        insert.addBindValue(a.notificationId);
        insert.addBindValue(a.number);
        insert.addBindValue(a.startedAt.toMSecsSinceEpoch());
        insert.addBindValue(a.durationMs);
        insert.addBindValue(text(a.url));
        insert.addBindValue(text(a.requestHeaders));
        insert.addBindValue(text(a.requestBody));
        insert.addBindValue(a.status > 0 ? QVariant(a.status) : QVariant());
        insert.addBindValue(text(a.outcome));
        insert.addBindValue(text(a.responseHeaders));
        insert.addBindValue(text(a.responseBody));
        insert.addBindValue(text(a.diagnostic));
        insert.addBindValue(a.result.isEmpty() ? QVariant() : QVariant(a.result));
        update.addBindValue(stateKey(outcome.state));
        update.addBindValue(outcome.nextAttemptAt.isValid() ? QVariant(outcome.nextAttemptAt.toMSecsSinceEpoch())
                                                            : QVariant());
        update.addBindValue(a.status > 0 ? QVariant(a.status) : QVariant());
        update.addBindValue(text(a.diagnostic));
        update.addBindValue(a.result.isEmpty() ? QVariant() : QVariant(a.result));
        update.addBindValue(now);
        update.addBindValue(a.notificationId);
        if (!execOrWarn(insert) || !execOrWarn(update)) {
            return false;
        }
    }
    return transaction.commit();
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

QList<NotificationRow> Outbox::list(std::optional<State> state, int limit, int offset) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("SELECT %1 FROM notifications %2 ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?")
            .arg(RowColumns, state ? QStringLiteral("WHERE state = ?") : QString()));
    if (state) {
        query.addBindValue(stateKey(*state));
    }
    query.addBindValue(limit);
    query.addBindValue(offset);
    QList<NotificationRow> rows;
    if (execOrWarn(query)) {
        while (query.next()) {
            rows.append(readRow(query));
        }
    }
    return rows;
}

int Outbox::count(std::optional<State> state) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM notifications %1")
                      .arg(state ? QStringLiteral("WHERE state = ?") : QString()));
    if (state) {
        query.addBindValue(stateKey(*state));
    }
    return execOrWarn(query) && query.next() ? query.value(0).toInt() : 0;
}

int Outbox::countUnattempted(const QString& event, const QDateTime& since) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE state = 'pending' AND created_at >= ? "
                                 "AND attempts = 0 AND event = ?"));
    query.addBindValue(since.toMSecsSinceEpoch());
    query.addBindValue(event);
    return execOrWarn(query) && query.next() ? query.value(0).toInt() : 0;
}

std::optional<NotificationRow> Outbox::find(const QString& id) const
{
    QSqlQuery query(m_database->connection());
    // A unique prefix is enough, as with git commits.
    query.prepare(QStringLiteral("SELECT %1 FROM notifications WHERE id LIKE ? ESCAPE '\\' LIMIT 2").arg(RowColumns));
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
    query.prepare(QStringLiteral("SELECT id FROM notifications WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?"));
    query.addBindValue(QString(likePattern(prefix) + QLatin1Char('%')));
    query.addBindValue(limit);
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
    query.prepare(QStringLiteral("SELECT number, started_at, duration_ms, url, request_headers, request_body, status, "
                                 "outcome, response_headers, response_body, diagnostic, result FROM attempts "
                                 "WHERE notification_id = ? ORDER BY number, id"));
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
        list.append(a);
    }
    return list;
}

std::optional<QDateTime> Outbox::nextDue() const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT MIN(MAX(next_attempt_at, COALESCE(lease_until, 0))) FROM notifications "
                                 "WHERE state = 'pending'"));
    if (execOrWarn(query) && query.next() && !query.value(0).isNull()) {
        return fromMs(query.value(0));
    }
    return std::nullopt;
}

int Outbox::retry(const QString& id)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE notifications SET state = 'pending', next_attempt_at = ?, updated_at = ? "
                                 "WHERE id = ? AND (state != 'pending' OR next_attempt_at > ?)"));
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
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM notifications WHERE state != 'pending' AND updated_at < ?"));
    query.addBindValue(nowMs() - qint64(days) * 24 * 3600 * 1000);
    return execOrWarn(query) ? query.numRowsAffected() : 0;
}

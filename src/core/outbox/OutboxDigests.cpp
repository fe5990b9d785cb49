// The outbox's side of digests: which notifications of a digest endpoint go now, and which request carried them.
#include "Log.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/SqlDialect.h"
#include "text/SafeText.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace {

// How many other accounts an attempt names beside its own ("sent in a digest of 12 with Ana, Bo, Cy, …").
constexpr int OthersNamed = 3;

bool execOrWarn(QSqlQuery& query)
{
    if (!query.exec()) {
        qCWarning(lcDelivery) << "digest query failed:" << query.lastError().text();
        return false;
    }
    return true;
}

// Due, unleased notifications of the endpoint: `solo` picks redelivered ones or the others.
const QString DueCondition = QStringLiteral("state = 'pending' AND endpoint_id = :endpoint AND next_attempt_at <= :now "
                                            "AND (lease_until IS NULL OR lease_until < :now) AND solo IS %1");

// Leases up to limit due notifications of the endpoint, due first; whole: with their notification read from payload.
QList<ClaimedNotification> lease(QSqlDatabase& db, SqlDialect::Engine engine, const QString& owner, qint64 endpointId,
                                 bool solo, int limit, qint64 now, qint64 leaseMs, bool whole)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE notifications SET lease_owner = :owner, lease_until = :until WHERE rowid IN ("
                                 "SELECT rowid FROM notifications WHERE %1 ORDER BY next_attempt_at, created_at, rowid "
                                 "LIMIT :limit%2) RETURNING id, event, attempts, body, shape, next_attempt_at, "
                                 "created_at, rowid, payload")
                      .arg(DueCondition.arg(solo ? QStringLiteral("NOT NULL") : QStringLiteral("NULL")),
                           SqlDialect::skipLocked(engine)));
    query.bindValue(QStringLiteral(":owner"), owner);
    query.bindValue(QStringLiteral(":until"), now + leaseMs);
    query.bindValue(QStringLiteral(":endpoint"), endpointId);
    query.bindValue(QStringLiteral(":now"), now);
    query.bindValue(QStringLiteral(":limit"), limit);
    QList<std::tuple<qint64, qint64, qint64, ClaimedNotification>> rows;
    if (!execOrWarn(query)) {
        return {};
    }
    while (query.next()) {
        ClaimedNotification item;
        const auto event = Events::fromKey(query.value(1).toString()).value_or(Event::WebhookTest);
        if (whole) {
            item.notification = Notification::fromJson(
                Outbox::restoredPayload(query.value(8).toString(), event, query.value(3), query.value(4).toString()));
        }
        const auto body = query.value(3);
        if (!body.isNull()) {
            item.body = body.toString().toUtf8();
            item.shape = PayloadFormat::shapeFromKey(query.value(4).toString());
        }
        item.notification.id = query.value(0).toString();
        item.notification.event = event;
        item.notification.endpointId = endpointId;
        item.attempts = query.value(2).toInt();
        rows.append({ query.value(5).toLongLong(), query.value(6).toLongLong(), query.value(7).toLongLong(), item });
    }
    // RETURNING gives no order: due first, as selected.
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a))
            < std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b));
    });
    QList<ClaimedNotification> claimed;
    for (auto& row : rows) {
        claimed.append(std::move(std::get<3>(row)));
    }
    return claimed;
}

} // namespace

DigestClaim Outbox::claimDigest(const QString& owner, qint64 endpointId, int requests, int groupLimit, qint64 leaseMs,
                                qint64 windowMs, bool quiet)
{
    DigestClaim claim;
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive() || requests <= 0) {
        return claim;
    }
    const auto now = QDateTime::currentMSecsSinceEpoch();
    claim.singles = lease(db, m_database->engine(), owner, endpointId, true, requests, now, leaseMs, false);
    // The oldest due notification, and whether it is alone: two rows at most are read.
    QSqlQuery due(db);
    due.prepare(QStringLiteral("SELECT next_attempt_at FROM notifications WHERE %1 "
                               "ORDER BY next_attempt_at LIMIT 2")
                    .arg(DueCondition.arg(QStringLiteral("NULL"))));
    due.bindValue(QStringLiteral(":endpoint"), endpointId);
    due.bindValue(QStringLiteral(":now"), now);
    if (!execOrWarn(due)) {
        return {};
    }
    qint64 oldest = -1;
    int count = 0;
    while (due.next()) {
        if (count++ == 0) {
            oldest = due.value(0).toLongLong();
        }
    }
    due.finish();
    if (count == 0 || requests <= claim.singles.size()) {
        return transaction.commit() ? claim : DigestClaim {};
    }
    if (count == 1 && quiet) {
        claim.singles += lease(db, m_database->engine(), owner, endpointId, false, 1, now, leaseMs, false);
    } else if (oldest + windowMs <= now) {
        claim.group = lease(db, m_database->engine(), owner, endpointId, false, groupLimit, now, leaseMs, true);
    } else {
        claim.readyAt = QDateTime::fromMSecsSinceEpoch(oldest + windowMs, Qt::UTC);
    }
    return transaction.commit() ? claim : DigestClaim {};
}

int Outbox::unclaim(const QString& owner, const QStringList& ids)
{
    if (ids.isEmpty()) {
        return 0;
    }
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE notifications SET lease_owner = NULL, lease_until = NULL "
                                 "WHERE id = ? AND lease_owner = ? AND state = 'pending'"));
    int released = 0;
    for (const auto& id : ids) {
        query.addBindValue(id);
        query.addBindValue(owner);
        if (!execOrWarn(query)) {
            return 0;
        }
        released += query.numRowsAffected();
    }
    return transaction.commit() ? released : 0;
}

bool Outbox::insertDigests(QSqlDatabase& db, const QList<DigestRecord>& digests)
{
    if (digests.isEmpty()) {
        return true;
    }
    QSqlQuery digest(db);
    digest.prepare(QStringLiteral("INSERT INTO digests (id, endpoint_id, started_at, size, request_headers, "
                                  "request_body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                  "endpoint_id = excluded.endpoint_id, started_at = excluded.started_at, "
                                  "size = excluded.size, request_headers = excluded.request_headers, "
                                  "request_body = excluded.request_body"));
    QSqlQuery member(db);
    member.prepare(
        QStringLiteral("INSERT INTO digest_members (notification_id, number, digest_id) VALUES (?, ?, ?) "
                       "ON CONFLICT (notification_id, number) DO UPDATE SET digest_id = excluded.digest_id"));
    for (const auto& record : digests) {
        digest.addBindValue(record.id);
        digest.addBindValue(record.endpointId);
        digest.addBindValue(record.startedAt.toMSecsSinceEpoch());
        digest.addBindValue(int(record.members.size()));
        digest.addBindValue(Database::text(record.requestHeaders));
        digest.addBindValue(Database::text(record.requestBody));
        if (!execOrWarn(digest)) {
            return false;
        }
        for (const auto& [notificationId, number] : record.members) {
            member.addBindValue(notificationId);
            member.addBindValue(number);
            member.addBindValue(record.id);
            if (!execOrWarn(member)) {
                return false;
            }
        }
    }
    return true;
}

void Outbox::attachDigests(QList<AttemptRecord>& attempts) const
{
    if (attempts.isEmpty()) {
        return;
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT d.id, d.size, d.request_headers, d.request_body FROM digest_members m "
                                 "JOIN digests d ON d.id = m.digest_id WHERE m.notification_id = ? AND m.number = ?"));
    QSqlQuery others(m_database->connection());
    others.prepare(QStringLiteral("SELECT n.user_name FROM digest_members m JOIN notifications n "
                                  "ON n.id = m.notification_id WHERE m.digest_id = ? AND m.notification_id != ? "
                                  "ORDER BY n.created_at, n.rowid LIMIT %1")
                       .arg(OthersNamed));
    for (auto& attempt : attempts) {
        query.addBindValue(attempt.notificationId);
        query.addBindValue(attempt.number);
        if (!execOrWarn(query)) {
            return;
        }
        if (query.next()) {
            attempt.digestId = query.value(0).toString();
            attempt.digestSize = query.value(1).toInt();
            attempt.requestHeaders = query.value(2).toString();
            attempt.requestBody = query.value(3).toString();
            others.addBindValue(attempt.digestId);
            others.addBindValue(attempt.notificationId);
            if (execOrWarn(others)) {
                while (others.next()) {
                    attempt.digestOthers << others.value(0).toString();
                }
            }
            others.finish();
        }
        query.finish();
    }
}

QString AttemptRecord::digestSummary() const
{
    if (digestId.isEmpty()) {
        return {};
    }
    QStringList names;
    for (const auto& name : digestOthers) {
        names << SafeText::printable(name);
    }
    if (digestSize - 1 > names.size()) {
        names << QString(QChar(0x2026));
    }
    //: %1 how many notifications one message carried (2 or more), %2 some of the other accounts ("Ana, Bo, …")
    return Outbox::tr("Sent in a digest of %1 with %2").arg(digestSize).arg(names.join(QStringLiteral(", ")));
}

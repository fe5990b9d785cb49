#include "DeliveriesModel.h"

#include "Feedback.h"
#include "Icons.h"
#include "outbox/DeliveryService.h"
#include "outbox/Notification.h"
#include "storage/Settings.h"
#include "text/SafeText.h"
#include "text/TimeFormat.h"

#include <QColor>
#include <QElapsedTimer>
#include <QSet>

namespace {

// When rows were added at the top since the last page, a page may hold nothing new; look a little further.
constexpr int MaximumPagesPerFetch = 3;

// The order of Outbox::list: newest first, then the last recorded first.
bool sortsBefore(const NotificationRow& a, const NotificationRow& b)
{
    const auto aCreated = a.createdAt.toMSecsSinceEpoch();
    const auto bCreated = b.createdAt.toMSecsSinceEpoch();
    return aCreated != bCreated ? aCreated > bCreated : a.sequence > b.sequence;
}

bool sameContent(const NotificationRow& a, const NotificationRow& b)
{
    return a.id == b.id && a.event == b.event && a.endpointId == b.endpointId && a.userName == b.userName
        && a.state == b.state && a.attempts == b.attempts && a.lastStatus == b.lastStatus
        && a.lastResult == b.lastResult && a.lastResultCode == b.lastResultCode && a.nextAttemptAt == b.nextAttemptAt
        && a.createdAt == b.createdAt && a.updatedAt == b.updatedAt;
}

} // namespace

DeliveriesModel::DeliveriesModel(Database* database, DeliveryService* deliveries, QObject* parent)
    : QAbstractTableModel(parent)
    , m_database(database)
    , m_outbox(database)
    , m_refreshTimer(this)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(RefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DeliveriesModel::refresh);
    if (deliveries) {
        connect(deliveries, &DeliveryService::attemptRecorded, this, &DeliveriesModel::applyReport);
        // Counts also move when another process delivers, or when an account is created.
        connect(deliveries, &DeliveryService::countsChanged, this, &DeliveriesModel::scheduleRefresh);
    }
    reload();
}

void DeliveriesModel::setFilter(const Outbox::Filter& filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    reload();
}

void DeliveriesModel::setStateFilter(std::optional<Outbox::State> state)
{
    auto filter = m_filter;
    filter.state = state;
    setFilter(filter);
}

void DeliveriesModel::reload()
{
    m_refreshTimer.stop();
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    m_offset = 0;
    m_exhausted = false;
    updateHold();
    endResetModel();
    fetchMore({});
}

int DeliveriesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DeliveriesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool DeliveriesModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void DeliveriesModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_exhausted) {
        return;
    }
    QList<NotificationRow> fresh;
    for (int pages = 0; fresh.isEmpty() && !m_exhausted && pages < MaximumPagesPerFetch; ++pages) {
        const auto page = m_outbox.list(m_filter, PageSize, m_offset);
        m_offset += static_cast<int>(page.size());
        m_exhausted = page.size() < PageSize;
        // The table may have moved since the last page: skip what is loaded already or would break the order.
        for (const auto& row : page) {
            if (!m_rowById.contains(row.id) && (m_rows.isEmpty() || sortsBefore(m_rows.constLast(), row))
                && (fresh.isEmpty() || sortsBefore(fresh.constLast(), row))) {
                fresh.append(row);
            }
        }
    }
    if (fresh.isEmpty()) {
        return;
    }
    const auto first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    for (const auto& row : std::as_const(fresh)) {
        m_rowById.insert(row.id, static_cast<int>(m_rows.size()));
        m_rows.append(row);
    }
    endInsertRows();
}

void DeliveriesModel::scheduleRefresh()
{
    if (!m_refreshTimer.isActive()) {
        m_refreshTimer.start();
    }
}

void DeliveriesModel::refresh()
{
    m_refreshTimer.stop();
    emit refreshing();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto hold = m_hold;
    updateHold();
    if (!m_rows.isEmpty() && !(hold == m_hold)) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), { Qt::DisplayRole, Qt::ToolTipRole });
    }
    const int window = qBound(PageSize, static_cast<int>(m_rows.size()), RefreshLimit);
    const auto rows = m_outbox.list(m_filter, window, 0);
    const bool complete = rows.size() < window;
    auto merged = rows;
    if (!complete) {
        // Rows beyond the re-read window stay as they are.
        const auto& boundary = rows.constLast();
        for (const auto& row : std::as_const(m_rows)) {
            if (sortsBefore(boundary, row)) {
                merged.append(row);
            }
        }
    }
    merge(merged);
    m_offset = static_cast<int>(m_rows.size());
    m_exhausted = complete;
    // A filtered page over a large table costs more: refresh less often rather than keep the window busy.
    m_refreshTimer.setInterval(
        static_cast<int>(qBound(qint64(RefreshDelayMs), elapsed.elapsed() * 10, qint64(MaximumRefreshDelayMs))));
    emit refreshed();
}

// Turns m_rows into rows (both in list order) with row-level signals, so that views keep their selection.
void DeliveriesModel::merge(const QList<NotificationRow>& rows)
{
    QSet<QString> wanted;
    wanted.reserve(rows.size());
    for (const auto& row : rows) {
        wanted.insert(row.id);
    }

    bool moved = false;
    for (int last = static_cast<int>(m_rows.size()) - 1; last >= 0;) {
        if (wanted.contains(m_rows.at(last).id)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !wanted.contains(m_rows.at(first - 1).id)) {
            --first;
        }
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        moved = true;
        last = first - 1;
    }

    // What remains is in the same order as rows: insert the missing runs and update the rest in place.
    QSet<QString> present;
    present.reserve(m_rows.size());
    for (const auto& row : std::as_const(m_rows)) {
        present.insert(row.id);
    }
    for (int i = 0; i < rows.size();) {
        if (present.contains(rows.at(i).id)) {
            if (m_rows.at(i).id != rows.at(i).id) {
                // Not in the expected order after all: start over rather than show the wrong rows.
                beginResetModel();
                m_rows = rows;
                reindex();
                endResetModel();
                return;
            }
            if (!sameContent(m_rows.at(i), rows.at(i))) {
                m_rows[i] = rows.at(i);
                emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            }
            ++i;
            continue;
        }
        int end = i;
        while (end < rows.size() && !present.contains(rows.at(end).id)) {
            ++end;
        }
        beginInsertRows({}, i, end - 1);
        m_rows.insert(i, end - i, NotificationRow());
        std::copy(rows.cbegin() + i, rows.cbegin() + end, m_rows.begin() + i);
        endInsertRows();
        moved = true;
        i = end;
    }
    if (moved) {
        reindex();
    }
}

void DeliveriesModel::reindex()
{
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    for (int row = 0; row < m_rows.size(); ++row) {
        m_rowById.insert(m_rows.at(row).id, row);
    }
}

void DeliveriesModel::applyReport(const AttemptReport& report)
{
    const int row = rowOf(report.notificationId);
    if (row >= 0) {
        // The same values Outbox::record stored with the attempt.
        auto& notification = m_rows[row];
        notification.state = report.state;
        notification.attempts = qMax(notification.attempts, report.number);
        notification.lastStatus = report.result.httpStatus;
        notification.lastResult.clear();
        notification.lastResultCode = report.result.toStored();
        notification.nextAttemptAt = report.nextAttemptAt;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    // Unknown notifications are new ones, and a filtered view may have to drop or gain rows.
    scheduleRefresh();
}

void DeliveriesModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), { Qt::DisplayRole, Qt::ToolTipRole });
    }
}

void DeliveriesModel::updateHold()
{
    m_hold = DeliveryHold::load(m_database);
}

bool DeliveriesModel::isHeld(const NotificationRow& row) const
{
    return row.state == Outbox::stateKey(Outbox::State::Pending) && m_hold.isHeld(row.endpointId);
}

QString DeliveriesModel::lastResultText(const NotificationRow& row) const
{
    if (row.attempts == 0) {
        return isHeld(row) ? m_hold.reason(row.endpointId) : tr("Not attempted yet");
    }
    // The diagnostic names the HTTP status whenever there was one; it may quote the receiver.
    return SafeText::printable(row.lastResultText());
}

QVariant DeliveriesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.id;
    case StateRole:
        return row.state;
    case LastStatusRole:
        return row.lastStatus;
    case NextAttemptRole:
        return row.state == Outbox::stateKey(Outbox::State::Pending) ? row.nextAttemptAt : QDateTime();
    case Qt::DisplayRole:
        switch (index.column()) {
        case EventColumn:
            return SafeText::printable(Events::displayName(row.event));
        case EndpointColumn:
            return SafeText::printable(m_hold.endpointName(row.endpointId));
        case AccountColumn:
            return SafeText::printable(row.userName);
        case StateColumn:
            return Outbox::stateDisplayName(row.state);
        case AttemptsColumn:
            return row.attempts;
        case LastResultColumn:
            return lastResultText(row);
        case NextAttemptColumn:
            //: Deliveries, Next attempt column: nothing is sent until the webhook URL is set or changed.
            return isHeld(row) ? onHoldText() : TimeFormat::dateTime(data(index, NextAttemptRole).toDateTime());
        case CreatedColumn:
            return TimeFormat::dateTime(row.createdAt);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StateColumn) {
            return Icons::deliveryState(row.state);
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn) {
            const auto state = Outbox::stateFromKey(row.state);
            const auto colour = Feedback::colour(state == Outbox::State::Delivered    ? Feedback::Kind::Success
                                                     : state == Outbox::State::Failed ? Feedback::Kind::Error
                                                                                      : Feedback::Kind::None);
            return colour.isValid() ? QVariant(colour) : QVariant();
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case EventColumn:
            return tr("Notification %1 (%2)").arg(row.id, row.event);
        case LastResultColumn:
            return lastResultText(row);
        case NextAttemptColumn:
            return isHeld(row) ? m_hold.reason(row.endpointId) : QVariant();
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptsColumn) {
            return (Qt::AlignRight | Qt::AlignVCenter).toInt();
        }
        break;
    }
    return {};
}

QVariant DeliveriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case EventColumn:
        //: Column header: what happened, such as user.created
        return tr("Event");
    case EndpointColumn:
        //: Column header: the webhook endpoint a notification goes to
        return tr("Endpoint");
    case AccountColumn:
        return tr("Account");
    case StateColumn:
        //: Column header: pending, delivered or failed
        return tr("State");
    case AttemptsColumn:
        //: Column header: how many times the notification was sent
        return tr("Attempts");
    case LastResultColumn:
        return tr("Last result");
    case NextAttemptColumn:
        return tr("Next attempt");
    case CreatedColumn:
        //: Column header: when the notification was recorded
        return tr("Created");
    }
    return {};
}

QString DeliveriesModel::onHoldText()
{
    //: Deliveries, Next attempt column: nothing will be sent until the webhook is fixed
    return tr("On hold");
}

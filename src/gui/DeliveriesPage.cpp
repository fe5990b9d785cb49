#include "DeliveriesPage.h"

#include "DeliveriesModel.h"
#include "Icons.h"
#include "outbox/DeliveryService.h"
#include "outbox/Notification.h"
#include "text/SafeText.h"
#include "text/TimeFormat.h"
#include "ui_DeliveriesPage.h"

#include <QEvent>
#include <QHash>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLocale>
#include <QScrollBar>
#include <QShowEvent>
#include <QStyleOptionViewItem>

namespace {

// Values come from account data and receivers: escaped for HTML, and their control and text-direction characters
// shown as visible escapes.
QString field(const QString& label, const QString& value)
{
    return QStringLiteral("<p><b>%1</b> %2</p>").arg(label.toHtmlEscaped(), SafeText::printable(value).toHtmlEscaped());
}

QString block(const QString& title, const QString& text)
{
    if (text.isEmpty()) {
        return {};
    }
    return QStringLiteral("<p><b>%1</b></p><pre style=\"white-space: pre-wrap\">%2</pre>")
        .arg(title.toHtmlEscaped(), SafeText::printable(text, SafeText::Lines::Keep).toHtmlEscaped());
}

} // namespace

DeliveriesPage::DeliveriesPage(Database* database, DeliveryService* deliveries, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::DeliveriesPage())
    , m_outbox(database)
    , m_deliveries(deliveries)
    , m_model(new DeliveriesModel(database, deliveries, this))
    , m_accountFilterTimer(this)
{
    m_ui->setupUi(this);

    for (const auto& key : { QString(), Outbox::stateKey(Outbox::State::Pending),
                             Outbox::stateKey(Outbox::State::Delivered), Outbox::stateKey(Outbox::State::Failed) }) {
        m_ui->stateFilterCombo->addItem(QString(), key);
    }

    auto* view = m_ui->deliveriesView;
    view->setModel(m_model);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Pixels, so that rows inserted above the one being read can be compensated exactly.
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Short columns fit every value they can hold (fitColumns) and are never cut; the account name and the last result
    // share what is left, and only they are elided.
    auto* header = view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(DeliveriesModel::AccountColumn, view->fontMetrics().averageCharWidth() * 14);
    header->resizeSection(DeliveriesModel::EndpointColumn, view->fontMetrics().averageCharWidth() * 10);
    header->setSectionResizeMode(DeliveriesModel::LastResultColumn, QHeaderView::Stretch);
    view->setTextElideMode(Qt::ElideRight);
    // Room to read what is typed, and an endpoint's name however long, in any language.
    m_ui->accountFilterEdit->setMinimumWidth(m_ui->accountFilterEdit->fontMetrics().averageCharWidth() * 20);
    m_ui->endpointFilterCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_ui->endpointFilterCombo->setMinimumContentsLength(8);
    m_ui->attemptsText->setTabChangesFocus(true);
    m_ui->deliveriesSplitter->setStretchFactor(0, 3);
    m_ui->deliveriesSplitter->setStretchFactor(1, 2);

    connect(m_ui->stateFilterCombo, &QComboBox::currentIndexChanged, this, &DeliveriesPage::applyFilter);
    connect(m_ui->endpointFilterCombo, &QComboBox::currentIndexChanged, this, &DeliveriesPage::applyFilter);
    // The account filter waits for a pause in the typing: each change reloads the list.
    m_accountFilterTimer.setSingleShot(true);
    m_accountFilterTimer.setInterval(AccountFilterDelayMs);
    connect(&m_accountFilterTimer, &QTimer::timeout, this, &DeliveriesPage::applyFilter);
    connect(m_ui->accountFilterEdit, &QLineEdit::textChanged, this, [this] { m_accountFilterTimer.start(); });
    connect(m_ui->accountFilterEdit, &QLineEdit::returnPressed, this, &DeliveriesPage::applyFilter);
    connect(m_model, &DeliveriesModel::refreshed, this, &DeliveriesPage::fillEndpointFilter);
    connect(m_ui->redeliverButton, &QPushButton::clicked, this, &DeliveriesPage::redeliverSelected);
    connect(m_ui->retryFailedButton, &QPushButton::clicked, this, &DeliveriesPage::retryFailed);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        showDetails();
    });
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DeliveriesPage::showDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateButtons();
        showDetails();
    });
    connect(m_model, &DeliveriesModel::refreshing, this, &DeliveriesPage::rememberScrollAnchor);
    connect(m_model, &DeliveriesModel::refreshed, this, [this] {
        restoreScrollAnchor();
        updateSummary();
        showDetails();
    });
    if (m_deliveries) {
        connect(m_deliveries, &DeliveryService::attemptRecorded, this, [this](const AttemptReport& report) {
            if (report.notificationId == shownId()) {
                showDetails();
            }
        });
    }

    fillEndpointFilter();
    retranslate();
    updateButtons();
}

DeliveriesPage::~DeliveriesPage() = default;

void DeliveriesPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

void DeliveriesPage::showEvent(QShowEvent* event)
{
    // Coming back to the tab: catch up with what other processes did meanwhile.
    if (m_shown && !event->spontaneous()) {
        m_model->refresh();
    }
    m_shown = true;
    QWidget::showEvent(event);
}

void DeliveriesPage::retranslate()
{
    const QStringList names = { tr("All"), Outbox::stateDisplayName(Outbox::stateKey(Outbox::State::Pending)),
                                Outbox::stateDisplayName(Outbox::stateKey(Outbox::State::Delivered)),
                                Outbox::stateDisplayName(Outbox::stateKey(Outbox::State::Failed)) };
    for (int i = 0; i < names.size(); ++i) {
        m_ui->stateFilterCombo->setItemText(i, names.at(i));
    }
    m_model->retranslate();
    if (m_ui->endpointFilterCombo->count() > 0) {
        m_ui->endpointFilterCombo->setItemText(0, tr("All endpoints"));
    }
    fitColumns();
    updateSummary();
    m_detailsHtml.clear();
    showDetails();
}

void DeliveriesPage::applyFilter()
{
    m_accountFilterTimer.stop();
    Outbox::Filter filter;
    filter.state = Outbox::stateFromKey(m_ui->stateFilterCombo->currentData().toString());
    const auto endpoint = m_ui->endpointFilterCombo->currentData();
    if (endpoint.isValid()) {
        filter.endpointId = endpoint.toLongLong();
    }
    filter.account = m_ui->accountFilterEdit->text().trimmed();
    m_model->setFilter(filter);
    updateSummary();
}

void DeliveriesPage::showAccount(const QString& account)
{
    m_ui->accountFilterEdit->setText(account);
    applyFilter();
}

void DeliveriesPage::fillEndpointFilter()
{
    // Every endpoint known now, and the one selected even if it was removed since.
    auto* combo = m_ui->endpointFilterCombo;
    const auto selected = combo->currentData();
    QList<QPair<QString, QVariant>> items { { tr("All endpoints"), QVariant() } };
    for (const auto& endpoint : m_model->hold().endpoints()) {
        items.append({ SafeText::printable(endpoint.name), QVariant(endpoint.id) });
    }
    if (selected.isValid() && std::none_of(items.cbegin(), items.cend(), [&selected](const auto& item) {
            return item.second == selected;
        })) {
        items.append({ m_model->hold().endpointName(selected.toLongLong()), selected });
    }
    bool same = combo->count() == items.size();
    for (int i = 0; same && i < items.size(); ++i) {
        same = combo->itemText(i) == items.at(i).first && combo->itemData(i) == items.at(i).second;
    }
    if (same) {
        return;
    }
    const QSignalBlocker blocker(combo);
    combo->clear();
    for (const auto& [text, id] : items) {
        combo->addItem(text, id);
    }
    combo->setCurrentIndex(qMax(0, combo->findData(selected)));
}

void DeliveriesPage::redeliverSelected()
{
    const auto ids = selectedIds();
    if (ids.isEmpty()) {
        return;
    }
    for (const auto& id : ids) {
        m_outbox.retry(id);
    }
    if (m_deliveries) {
        m_deliveries->wake();
    }
    m_model->refresh();
    emit statusMessage(ids.size() == 1 ? tr("The notification will be sent again now.")
                                       : tr("%1 notifications will be sent again now.").arg(ids.size()));
}

void DeliveriesPage::retryFailed()
{
    const int count = m_outbox.retryFailed();
    if (m_deliveries && count > 0) {
        m_deliveries->wake();
    }
    m_model->refresh();
    if (count == 0) {
        emit statusMessage(tr("No failed notification to retry."));
    } else {
        emit statusMessage(count == 1 ? tr("The failed notification will be sent again now.")
                                      : tr("%1 failed notifications will be sent again now.").arg(count));
    }
}

void DeliveriesPage::updateSummary()
{
    const int pending = m_outbox.count(Outbox::State::Pending);
    const int failed = m_outbox.count(Outbox::State::Failed);
    showSummary(pending, failed);
    emit countsChanged(pending, failed);
}

void DeliveriesPage::setCounts(int pending, int failed)
{
    showSummary(pending, failed);
}

void DeliveriesPage::showSummary(int pending, int failed)
{
    const QLocale locale;
    m_ui->summaryLabel->setText(
        tr("Total: %1 · Pending: %2 · Failed: %3")
            .arg(locale.toString(m_outbox.count(std::nullopt)), locale.toString(pending), locale.toString(failed)));
    m_ui->retryFailedButton->setEnabled(failed > 0);
}

void DeliveriesPage::rememberScrollAnchor()
{
    // The notification being read, or else the first one in view once the list is scrolled: new notifications
    // arrive at the top and must not push it away.
    const auto* view = m_ui->deliveriesView;
    m_anchorId = shownId();
    int row = m_model->rowOf(m_anchorId);
    if (row < 0 && view->verticalScrollBar()->value() > 0) {
        row = view->rowAt(0);
        m_anchorId = row >= 0 ? m_model->notification(row).id : QString();
    }
    m_anchorY = row >= 0 ? view->rowViewportPosition(row) : 0;
}

void DeliveriesPage::restoreScrollAnchor()
{
    const auto id = std::exchange(m_anchorId, QString());
    const int row = m_model->rowOf(id);
    if (row < 0) {
        return;
    }
    auto* view = m_ui->deliveriesView;
    // Lay the new rows out now, so that the scroll bar's range already includes them.
    view->doItemsLayout();
    auto* scrollBar = view->verticalScrollBar();
    scrollBar->setValue(scrollBar->value() + view->rowViewportPosition(row) - m_anchorY);
}

void DeliveriesPage::updateButtons()
{
    m_ui->redeliverButton->setEnabled(m_ui->deliveriesView->selectionModel()->hasSelection());
}

QStringList DeliveriesPage::selectedIds() const
{
    QStringList ids;
    const auto rows = m_ui->deliveriesView->selectionModel()->selectedRows();
    for (const auto& index : rows) {
        ids.append(index.data(DeliveriesModel::IdRole).toString());
    }
    return ids;
}

QString DeliveriesPage::shownId() const
{
    const auto* selection = m_ui->deliveriesView->selectionModel();
    const auto current = selection->currentIndex();
    if (current.isValid() && selection->isRowSelected(current.row(), current.parent())) {
        return current.data(DeliveriesModel::IdRole).toString();
    }
    const auto rows = selection->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(DeliveriesModel::IdRole).toString();
}

void DeliveriesPage::showDetails()
{
    const auto id = shownId();
    const auto html = id.isEmpty()
        ? QStringLiteral("<p>%1</p>").arg(tr("Select a notification to see its attempts.").toHtmlEscaped())
        : detailsHtml(id);
    if (html == m_detailsHtml) {
        return;
    }
    // Live updates must not throw the reader back to the top; another notification starts at its top.
    auto* scrollBar = m_ui->attemptsText->verticalScrollBar();
    const int position = id == m_detailsId ? scrollBar->value() : 0;
    m_detailsHtml = html;
    m_detailsId = id;
    m_ui->attemptsText->setHtml(html);
    scrollBar->setValue(position);
}

QString DeliveriesPage::detailsHtml(const QString& notificationId) const
{
    QString html;
    const int row = m_model->rowOf(notificationId);
    if (row >= 0) {
        const auto& notification = m_model->notification(row);
        html += field(tr("Notification (webhook-id):"), notification.id);
        html += field(tr("Event:"), Events::displayName(notification.event));
        html += field(tr("Account:"), notification.userName);
        html += field(tr("State:"), Outbox::stateDisplayName(notification.state));
        const bool pending = notification.state == Outbox::stateKey(Outbox::State::Pending);
        html += field(tr("Endpoint:"), m_model->hold().endpointName(notification.endpointId));
        if (pending && m_model->hold().isHeld(notification.endpointId)) {
            html += QStringLiteral("<p>%1</p>").arg(m_model->hold().reason(notification.endpointId).toHtmlEscaped());
        } else if (pending && notification.nextAttemptAt.isValid()) {
            html += field(tr("Next attempt:"), TimeFormat::dateTime(notification.nextAttemptAt));
        }
    }

    const auto attempts = m_outbox.attempts(notificationId);
    if (attempts.isEmpty()) {
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("Not attempted yet.").toHtmlEscaped());
        return html;
    }
    // The latest attempt first: it is the one that explains the current state.
    for (auto it = attempts.crbegin(); it != attempts.crend(); ++it) {
        const auto& attempt = *it;
        html += QStringLiteral("<hr/><h3>%1</h3>").arg(tr("Attempt %1").arg(attempt.number).toHtmlEscaped());
        html += field(tr("Started:"), TimeFormat::dateTime(attempt.startedAt));
        html += field(tr("Duration:"), tr("%1 ms").arg(attempt.durationMs));
        html += field(tr("URL:"), attempt.url);
        if (!attempt.digestId.isEmpty()) {
            html += QStringLiteral("<p>%1</p>").arg(attempt.digestSummary().toHtmlEscaped());
            html += field(tr("Digest (webhook-id):"), attempt.digestId);
        }
        html += field(tr("Response status:"),
                      attempt.status > 0 ? QString::number(attempt.status) : tr("none (no HTTP answer)"));
        html += field(tr("Diagnostic:"), attempt.summary());
        html += block(tr("Request headers"), attempt.requestHeaders);
        html += block(attempt.digestId.isEmpty() ? tr("Request body") : tr("Request body (the digest's)"),
                      attempt.requestBody);
        html += block(tr("Response headers"), attempt.responseHeaders);
        html += block(tr("Response body (excerpt)"), attempt.responseBody);
    }
    return html;
}

void DeliveriesPage::fitColumns()
{
    // Events, states, attempt counts and dates are closed sets: their widths follow from the values they can take,
    // computed once per language rather than by measuring rows as they arrive, which stalls the window during an
    // import.
    auto* view = m_ui->deliveriesView;
    auto* header = view->horizontalHeader();
    const auto cellWidth = [view](const QString& text, const QIcon& icon) {
        QStyleOptionViewItem option;
        option.initFrom(view);
        option.font = view->font();
        option.fontMetrics = view->fontMetrics();
        option.features = QStyleOptionViewItem::HasDisplay;
        option.text = text;
        option.textElideMode = Qt::ElideNone;
        if (!icon.isNull()) {
            option.features |= QStyleOptionViewItem::HasDecoration;
            option.icon = icon;
            const int extent = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view);
            option.decorationSize = QSize(extent, extent);
        }
        return view->style()->sizeFromContents(QStyle::CT_ItemViewItem, &option, QSize(), view).width();
    };
    const auto fit = [header, &cellWidth](int column, const QStringList& texts, const auto& iconOf) {
        int width = header->sectionSizeHint(column);
        for (const auto& text : texts) {
            width = qMax(width, cellWidth(text, iconOf(text)));
        }
        header->resizeSection(column, width);
    };
    const auto noIcon = [](const QString&) {
        return QIcon();
    };

    QStringList events;
    for (const auto event : Events::all()) {
        events << Events::displayName(event);
    }
    fit(DeliveriesModel::EventColumn, events, noIcon);
    QStringList states;
    QHash<QString, QIcon> stateIcons;
    for (const auto state : { Outbox::State::Pending, Outbox::State::Delivered, Outbox::State::Failed }) {
        const auto key = Outbox::stateKey(state);
        states << Outbox::stateDisplayName(key);
        stateIcons.insert(states.constLast(), Icons::deliveryState(key));
    }
    fit(DeliveriesModel::StateColumn, states, [&stateIcons](const QString& text) { return stateIcons.value(text); });
    fit(DeliveriesModel::AttemptsColumn, { QLocale().toString(99) }, noIcon);
    // A date whose every field has two digits, in the locale's format, and the hold text of Next attempt.
    const auto widest = TimeFormat::dateTime(QDateTime(QDate(2026, 12, 28), QTime(22, 58, 58)));
    fit(DeliveriesModel::NextAttemptColumn, { widest, m_model->onHoldText() }, noIcon);
    fit(DeliveriesModel::CreatedColumn, { widest }, noIcon);
}

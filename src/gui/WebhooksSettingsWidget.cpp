#include "WebhooksSettingsWidget.h"

#include "EndpointDialog.h"
#include "Feedback.h"
#include "outbox/DeliveryService.h"
#include "outbox/Notification.h"
#include "storage/Settings.h"
#include "text/TimeFormat.h"
#include "ui_WebhooksSettingsWidget.h"
#include "webhooks/NetworkOptions.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookSender.h"
#include "webhooks/WebhookUrl.h"

#include <QEvent>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QtConcurrent>

namespace {

constexpr int IdRole = Qt::UserRole;
// Worker reports come in bursts: the counts are read again at most this often.
constexpr int RefreshDelayMs = 250;

QTableWidgetItem* cell(QTableWidget* table, int row, int column)
{
    auto* item = table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        table->setItem(row, column, item);
    }
    return item;
}

void setKind(QTableWidgetItem* item, Feedback::Kind kind)
{
    const auto colour = Feedback::colour(kind);
    item->setData(Qt::ForegroundRole, colour.isValid() ? QVariant(colour) : QVariant());
}

} // namespace

WebhooksSettingsWidget::WebhooksSettingsWidget(Settings* settings, EndpointStore* endpoints,
                                               DeliveryService* deliveries, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::WebhooksSettingsWidget)
    , m_settings(settings)
    , m_endpoints(endpoints)
    , m_deliveries(deliveries)
    , m_network(new QNetworkAccessManager(this))
    , m_sender(new WebhookSender(m_network, this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("webhooksPage"));
    auto* header = m_ui->endpointsTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(EventsColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(LastResultColumn, QHeaderView::Stretch);
    m_ui->endpointsTable->setMinimumHeight(header->sizeHint().height()
                                           + m_ui->endpointsTable->verticalHeader()->defaultSectionSize() * 4
                                           + m_ui->endpointsTable->frameWidth() * 2);
    Feedback::clear(m_ui->webhooksWarningLabel);
    Feedback::clear(m_ui->webhooksMessageLabel);
    Feedback::clear(m_ui->endpointTestResultLabel);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(RefreshDelayMs);

    connect(&m_refreshTimer, &QTimer::timeout, this, &WebhooksSettingsWidget::refresh);
    connect(&m_counting, &QFutureWatcher<Counts>::finished, this, &WebhooksSettingsWidget::onCounted);
    connect(m_endpoints, &EndpointStore::changed, this, &WebhooksSettingsWidget::refresh);
    if (m_deliveries) {
        connect(m_deliveries, &DeliveryService::attemptsRecorded, this, &WebhooksSettingsWidget::scheduleRefresh);
        connect(m_deliveries, &DeliveryService::countsChanged, this, &WebhooksSettingsWidget::scheduleRefresh);
        // Written by the worker's own store: read again at once, the row says why it stopped.
        connect(m_deliveries, &DeliveryService::endpointGone, this, &WebhooksSettingsWidget::refresh);
    }
    connect(m_ui->endpointsTable, &QTableWidget::itemSelectionChanged, this, &WebhooksSettingsWidget::updateButtons);
    connect(m_ui->endpointsTable, &QTableWidget::cellActivated, this, [this] {
        if (m_ui->editEndpointButton->isEnabled()) {
            editEndpoint();
        }
    });
    connect(m_ui->addEndpointButton, &QPushButton::clicked, this, &WebhooksSettingsWidget::addEndpoint);
    connect(m_ui->editEndpointButton, &QPushButton::clicked, this, &WebhooksSettingsWidget::editEndpoint);
    connect(m_ui->duplicateEndpointButton, &QPushButton::clicked, this, &WebhooksSettingsWidget::duplicateEndpoint);
    connect(m_ui->toggleEndpointButton, &QPushButton::clicked, this, &WebhooksSettingsWidget::toggleEndpoint);
    connect(m_ui->deleteEndpointButton, &QPushButton::clicked, this, &WebhooksSettingsWidget::deleteEndpoint);
    connect(m_ui->testEndpointButton, &QPushButton::clicked, this, &WebhooksSettingsWidget::sendTest);
    connect(m_ui->testEndpointCancelButton, &QPushButton::clicked, this, &WebhooksSettingsWidget::cancelTest);
    auto* remove = new QShortcut(QKeySequence::Delete, m_ui->endpointsTable);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, [this] {
        if (m_ui->deleteEndpointButton->isEnabled()) {
            deleteEndpoint();
        }
    });
    auto* escape = new QShortcut(QKeySequence::Cancel, this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &WebhooksSettingsWidget::cancelTest);

    retranslate();
    refresh();
}

WebhooksSettingsWidget::~WebhooksSettingsWidget()
{
    if (m_test) {
        disconnect(m_test, nullptr, this, nullptr);
        m_test->cancel();
    }
    // The count reads the database this page was given: it must end before the page does.
    m_counting.waitForFinished();
}

void WebhooksSettingsWidget::refresh()
{
    m_refreshTimer.stop();
    auto selected = currentId();
    m_shown = m_endpoints->list();
    auto* table = m_ui->endpointsTable;
    {
        const QSignalBlocker blocker(table);
        table->setRowCount(int(m_shown.size()));
        for (int row = 0; row < m_shown.size(); ++row) {
            fillRow(row, m_shown.at(row));
        }
    }
    if (rowOf(selected) < 0 && !m_shown.isEmpty()) {
        selected = m_shown.first().id;
    }
    selectEndpoint(selected);
    fillCounts();
    updateButtons();
    updateWarning();
    if (isVisible()) {
        startCounting();
    } else {
        m_stale = true;
    }
}

void WebhooksSettingsWidget::scheduleRefresh()
{
    if (!m_refreshTimer.isActive()) {
        m_refreshTimer.start();
    }
}

void WebhooksSettingsWidget::startCounting()
{
    m_stale = false;
    if (m_counting.isRunning()) {
        m_countAgain = true;
        return;
    }
    auto* database = m_settings->database();
    QList<qint64> ids;
    for (const auto& endpoint : std::as_const(m_shown)) {
        ids.append(endpoint.id);
    }
    m_counting.setFuture(QtConcurrent::run([database, ids] {
        const Outbox outbox(database);
        return Counts { outbox.pendingByEndpoint(), outbox.lastResultByEndpoint(ids) };
    }));
}

void WebhooksSettingsWidget::onCounted()
{
    m_counts = m_counting.result();
    fillCounts();
    emit countsRefreshed();
    if (m_countAgain) {
        m_countAgain = false;
        startCounting();
    }
}

qint64 WebhooksSettingsWidget::currentId() const
{
    const int row = m_ui->endpointsTable->currentRow();
    if (row < 0 || row >= m_shown.size() || !m_ui->endpointsTable->item(row, NameColumn)->isSelected()) {
        return -1;
    }
    return m_shown.at(row).id;
}

void WebhooksSettingsWidget::selectEndpoint(qint64 id)
{
    const int row = rowOf(id);
    if (row >= 0) {
        m_ui->endpointsTable->setCurrentCell(row, NameColumn);
        m_ui->endpointsTable->selectRow(row);
    } else {
        m_ui->endpointsTable->clearSelection();
    }
}

int WebhooksSettingsWidget::rowOf(qint64 id) const
{
    for (int row = 0; row < m_shown.size(); ++row) {
        if (m_shown.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

std::optional<Endpoint> WebhooksSettingsWidget::selectedEndpoint() const
{
    const auto id = currentId();
    const int row = rowOf(id);
    return row < 0 ? std::nullopt : std::optional(m_shown.at(row));
}

void WebhooksSettingsWidget::fillRow(int row, const Endpoint& endpoint)
{
    auto* table = m_ui->endpointsTable;
    auto* name = cell(table, row, NameColumn);
    name->setText(endpoint.name);
    name->setData(IdRole, endpoint.id);
    if (endpoint.main) {
        name->setToolTip(tr("The main endpoint: Settings → General edits its URL."));
    } else if (endpoint.isEnvironment()) {
        name->setToolTip(tr("Added by the environment variable %1 while it is set: read-only.")
                             .arg(QLatin1String(WebhookUrl::EnvironmentVariable)));
    } else {
        name->setToolTip(QString());
    }

    const auto host = endpoint.host();
    //: Webhooks page, Host column: an endpoint without a URL yet
    cell(table, row, HostColumn)->setText(host.isEmpty() ? tr("(no URL)") : host);

    auto* format = cell(table, row, FormatColumn);
    if (endpoint.format == PayloadFormat::Auto) {
        const auto check = WebhookUrl::validate(endpoint.url.trimmed());
        //: Webhooks page, Format column: %1 is the format Auto chose for the endpoint's URL
        format->setText(check.isValid()
                            ? tr("Auto (%1)").arg(PayloadFormat::displayName(PayloadFormat::detect(check.url)))
                            : PayloadFormat::displayName(PayloadFormat::Auto));
    } else {
        format->setText(PayloadFormat::displayName(endpoint.format));
    }

    QStringList events;
    for (const auto event : endpoint.events) {
        events << Events::displayName(event);
    }
    auto* eventsItem = cell(table, row, EventsColumn);
    //: Webhooks page, Events column: an endpoint subscribed to no event receives only test notifications
    eventsItem->setText(events.isEmpty() ? tr("None (tests only)") : events.join(QStringLiteral(", ")));
    eventsItem->setToolTip(events.join(QLatin1Char('\n')));

    const auto state = endpoint.state();
    auto* stateItem = cell(table, row, StateColumn);
    stateItem->setText(Endpoint::stateDisplayName(state));
    stateItem->setToolTip(endpoint.holdReason());
    switch (state) {
    case Endpoint::State::Gone:
        setKind(stateItem, Feedback::Kind::Error);
        stateItem->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
        break;
    case Endpoint::State::Active:
        setKind(stateItem, Feedback::Kind::None);
        stateItem->setIcon(QIcon());
        break;
    case Endpoint::State::Disabled:
    case Endpoint::State::NoUrl:
        setKind(stateItem, Feedback::Kind::Warning);
        stateItem->setIcon(QIcon());
        break;
    }
    cell(table, row, LastResultColumn);
    auto* pending = cell(table, row, PendingColumn);
    pending->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

void WebhooksSettingsWidget::fillCounts()
{
    auto* table = m_ui->endpointsTable;
    for (int row = 0; row < m_shown.size(); ++row) {
        const auto id = m_shown.at(row).id;
        cell(table, row, PendingColumn)->setText(QLocale().toString(m_counts.pending.value(id)));

        auto* result = cell(table, row, LastResultColumn);
        const auto stored = m_counts.lastResults.constFind(id);
        const auto test = m_tests.constFind(id);
        const bool hasStored = stored != m_counts.lastResults.cend();
        if (test != m_tests.cend() && (!hasStored || test->at >= stored->updatedAt)) {
            //: Webhooks page, Last result column: the result of the test sent from this page
            result->setText(tr("Test: %1").arg(test->result.summary()));
            result->setToolTip(TimeFormat::dateTime(test->at));
            setKind(result, test->result.isSuccess() ? Feedback::Kind::Success : Feedback::Kind::Error);
        } else if (hasStored) {
            result->setText(stored->lastResultText());
            //: Webhooks page, tooltip of the last result: %1 when, %2 the event, %3 the notification's state
            result->setToolTip(tr("%1 · %2 · %3")
                                   .arg(TimeFormat::dateTime(stored->updatedAt), Events::displayName(stored->event),
                                        Outbox::stateDisplayName(stored->state)));
            const auto parsed = DeliveryResult::fromStored(stored->lastResultCode);
            setKind(result, parsed && parsed->isSuccess() ? Feedback::Kind::Success : Feedback::Kind::Error);
        } else {
            //: Webhooks page, Last result column: no notification was sent to the endpoint yet
            result->setText(tr("Nothing sent yet"));
            result->setToolTip(QString());
            setKind(result, Feedback::Kind::None);
        }
    }
}

void WebhooksSettingsWidget::updateButtons()
{
    const auto selected = selectedEndpoint();
    const bool environment = selected && selected->isEnvironment();
    const auto readOnly = tr("This endpoint comes from the environment variable %1: change or unset the variable.")
                              .arg(QLatin1String(WebhookUrl::EnvironmentVariable));

    m_ui->editEndpointButton->setEnabled(selected && !environment);
    m_ui->editEndpointButton->setToolTip(environment ? readOnly : tr("Edit the selected endpoint"));
    m_ui->duplicateEndpointButton->setEnabled(selected.has_value());

    const bool enabling = selected && (!selected->enabled || selected->goneAt.isValid());
    //: Webhooks page, button: send to the selected endpoint again, or stop sending to it (keep the same mnemonic)
    m_ui->toggleEndpointButton->setText(enabling ? tr("Ena&ble") : tr("Disa&ble"));
    m_ui->toggleEndpointButton->setEnabled(selected && !environment);
    if (environment) {
        m_ui->toggleEndpointButton->setToolTip(readOnly);
    } else if (selected && selected->goneAt.isValid()) {
        m_ui->toggleEndpointButton->setToolTip(
            tr("Send to this URL again, although it answered HTTP 410 (the webhook no longer exists there)."));
    } else {
        m_ui->toggleEndpointButton->setToolTip(enabling ? tr("Send notifications to this endpoint again")
                                                        : tr("Stop sending notifications to this endpoint"));
    }

    m_ui->deleteEndpointButton->setEnabled(selected && !environment && !selected->main);
    if (selected && selected->main) {
        m_ui->deleteEndpointButton->setToolTip(
            tr("The main endpoint cannot be deleted: clear its URL in Settings → General, or disable it."));
    } else if (environment) {
        m_ui->deleteEndpointButton->setToolTip(
            tr("This endpoint comes from the environment variable %1: unset the variable to remove it.")
                .arg(QLatin1String(WebhookUrl::EnvironmentVariable)));
    } else {
        m_ui->deleteEndpointButton->setToolTip(tr("Delete the selected endpoint"));
    }

    const bool running = isTestRunning();
    const bool testable = selected && WebhookUrl::validate(selected->url.trimmed()).isValid();
    m_ui->testEndpointButton->setEnabled(testable && !running);
    m_ui->testEndpointCancelButton->setVisible(running);
    m_ui->testEndpointProgress->setVisible(running);
}

void WebhooksSettingsWidget::updateWarning()
{
    QStringList names;
    for (const auto& endpoint : std::as_const(m_shown)) {
        if (endpoint.state() == Endpoint::State::Gone) {
            names << endpoint.name;
        }
    }
    if (names.isEmpty()) {
        Feedback::clear(m_ui->webhooksWarningLabel);
        return;
    }
    // The status bar's sentence, with what to do here.
    Feedback::show(m_ui->webhooksWarningLabel,
                   tr("Disabled after HTTP 410 (the webhook no longer exists on the service): %1. Edit it to set a new "
                      "URL, or enable it again.")
                       .arg(names.join(QStringLiteral(", "))),
                   Feedback::Kind::Error);
}

void WebhooksSettingsWidget::addEndpoint()
{
    Endpoint endpoint;
    openEditor(new EndpointDialog(m_endpoints, EndpointDialog::Mode::Add, endpoint, this));
}

void WebhooksSettingsWidget::editEndpoint()
{
    const auto selected = selectedEndpoint();
    if (!selected || selected->isEnvironment()) {
        return;
    }
    // What is stored now, not what the list read a while ago.
    const auto stored = m_endpoints->find(selected->id);
    if (!stored) {
        refresh();
        return;
    }
    openEditor(new EndpointDialog(m_endpoints, EndpointDialog::Mode::Edit, *stored, this));
}

void WebhooksSettingsWidget::duplicateEndpoint()
{
    const auto selected = selectedEndpoint();
    if (!selected) {
        return;
    }
    auto copy = selected->isEnvironment() ? *selected : m_endpoints->find(selected->id).value_or(*selected);
    copy.name = duplicateName(selected->name);
    openEditor(new EndpointDialog(m_endpoints, EndpointDialog::Mode::Duplicate, copy, this));
}

QString WebhooksSettingsWidget::duplicateName(const QString& name) const
{
    //: The name proposed for a duplicated endpoint; %1 is the original's name
    auto candidate = tr("%1 (copy)").arg(name);
    for (int number = 2; m_endpoints->findByName(candidate) && number < 100; ++number) {
        //: The name proposed for a duplicated endpoint when "(copy)" is taken; %1 the name, %2 a number
        candidate = tr("%1 (copy %2)").arg(name).arg(number);
    }
    return candidate;
}

void WebhooksSettingsWidget::openEditor(EndpointDialog* dialog)
{
    if (m_dialog) {
        m_dialog->close();
    }
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EndpointDialog::endpointSaved, this, [this, mode = dialog->mode()](qint64 id) {
        refresh();
        selectEndpoint(id);
        const auto stored = m_endpoints->find(id);
        const auto name = stored ? stored->name : QString();
        showMessage(mode == EndpointDialog::Mode::Edit ? tr("Endpoint \"%1\" saved.").arg(name)
                                                       : tr("Endpoint \"%1\" added.").arg(name),
                    false);
        emit saved();
    });
    dialog->open();
}

void WebhooksSettingsWidget::toggleEndpoint()
{
    const auto selected = selectedEndpoint();
    if (!selected || selected->isEnvironment()) {
        return;
    }
    bool enabled = false;
    QString error;
    const bool ok = m_endpoints->update(
        selected->id,
        [&enabled](Endpoint& endpoint) {
            // Enabling again is the administrator's answer to a 410 as well.
            enabled = !endpoint.enabled || endpoint.goneAt.isValid();
            endpoint.enabled = enabled;
            endpoint.goneAt = {};
            return true;
        },
        &error);
    if (!ok) {
        showMessage(error.isEmpty() ? tr("The endpoint could not be changed; nothing was written.") : error, true);
        emit saveFailed();
        return;
    }
    showMessage(
        enabled ? tr("Endpoint \"%1\" enabled.").arg(selected->name)
                : tr("Endpoint \"%1\" disabled: its notifications wait until it is enabled again.").arg(selected->name),
        false);
    emit saved();
}

void WebhooksSettingsWidget::deleteEndpoint()
{
    const auto selected = selectedEndpoint();
    if (!selected || selected->main || selected->isEnvironment()) {
        return;
    }
    const auto id = selected->id;
    const auto name = selected->name;
    // Counted now, not when the list was read: the question must be right.
    const int pending = Outbox(m_settings->database()).pendingByEndpoint().value(id);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete an endpoint"),
                                tr("Delete the endpoint \"%1\"?").arg(name), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteEndpointDialog"));
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(
        pending > 0 ? tr("Notifications to it still pending: %1. They will not be sent: they are marked failed. Its "
                         "delivery history stays.")
                          .arg(QLocale().toString(pending))
                    : tr("No notification to it is pending. Its delivery history stays."));
    auto* confirm = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmDeleteButton"));
    auto* cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, confirm, id, name] {
        if (box->clickedButton() == confirm) {
            remove(id, name);
        }
    });
    m_confirmation = box;
    box->open();
}

void WebhooksSettingsWidget::remove(qint64 id, const QString& name)
{
    QString error;
    if (!m_endpoints->remove(id, &error)) {
        showMessage(error.isEmpty() ? tr("The endpoint could not be deleted; nothing was changed.") : error, true);
        emit saveFailed();
        return;
    }
    m_tests.remove(id);
    showMessage(tr("Endpoint \"%1\" deleted.").arg(name), false);
    emit saved();
}

void WebhooksSettingsWidget::sendTest()
{
    const auto selected = selectedEndpoint();
    if (!selected || isTestRunning()) {
        return;
    }
    // The saved endpoint as it is now: its secret and headers sign and go with the test.
    const auto endpoint = selected->isEnvironment() ? *selected : m_endpoints->find(selected->id).value_or(*selected);
    const auto check = WebhookUrl::validate(endpoint.url.trimmed());
    if (!check.isValid()) {
        updateButtons();
        return;
    }
    const auto config = WebhookConfig::forEndpoint(endpoint, NetworkOptions::load(*m_settings));
    auto test = Notification::test();
    test.text = endpoint.messageTemplate(Event::WebhookTest);
    m_testId = endpoint.id;
    m_testName = endpoint.name;
    m_testUrl = endpoint.url;
    Feedback::show(m_ui->endpointTestResultLabel, tr("Sending a test notification to %1…").arg(endpoint.name),
                   Feedback::Kind::Info);
    m_test = m_sender->send(config.request(test, check.url));
    connect(m_test, &PendingDelivery::finished, this, &WebhooksSettingsWidget::onTestFinished);
    updateButtons();
    m_ui->testEndpointCancelButton->setFocus();
}

void WebhooksSettingsWidget::cancelTest()
{
    if (m_test) {
        m_test->cancel();
    }
}

void WebhooksSettingsWidget::onTestFinished(const DeliveryResult& result)
{
    const bool hadFocus = m_ui->testEndpointCancelButton->hasFocus();
    m_test.clear();
    auto shown = result;
    shown.isTest = true;
    m_tests.insert(m_testId, { shown, QDateTime::currentDateTimeUtc() });
    // WEBHOOK_URL's endpoint has no row to mark.
    if (m_testId != Endpoint::EnvironmentId) {
        const auto url = m_testUrl;
        if (result.isSuccess()) {
            // The webhook answers again: whatever a 410 said before, it exists.
            m_endpoints->update(m_testId, [&url](Endpoint& endpoint) {
                const bool wasGone = endpoint.goneAt.isValid() && endpoint.url == url;
                endpoint.goneAt = {};
                return wasGone;
            });
        } else if (result.outcome == DeliveryResult::Outcome::Gone) {
            // The service says the webhook no longer exists: stop sending to it, as a delivery would.
            m_endpoints->markGone(m_testId, url, QDateTime::currentDateTimeUtc());
        }
    }
    //: The result of a test from the Webhooks page: %1 the endpoint's name, %2 what happened
    Feedback::show(m_ui->endpointTestResultLabel, tr("%1: %2").arg(m_testName, shown.summary()),
                   result.isSuccess() ? Feedback::Kind::Success : Feedback::Kind::Error);
    fillCounts();
    updateButtons();
    if (hadFocus) {
        m_ui->testEndpointButton->setFocus();
    }
    emit testFinished(shown);
}

void WebhooksSettingsWidget::showMessage(const QString& text, bool error)
{
    Feedback::show(m_ui->webhooksMessageLabel, text, error ? Feedback::Kind::Error : Feedback::Kind::Success);
}

void WebhooksSettingsWidget::retranslate()
{
    const QSignalBlocker blocker(m_ui->endpointsTable);
    for (int row = 0; row < m_shown.size(); ++row) {
        fillRow(row, m_shown.at(row));
    }
    fillCounts();
    updateButtons();
    updateWarning();
    Feedback::clear(m_ui->webhooksMessageLabel);
    if (!isTestRunning()) {
        const auto test = m_tests.constFind(m_testId);
        if (test != m_tests.cend()) {
            Feedback::show(m_ui->endpointTestResultLabel, tr("%1: %2").arg(m_testName, test->result.summary()),
                           test->result.isSuccess() ? Feedback::Kind::Success : Feedback::Kind::Error);
        }
    }
}

void WebhooksSettingsWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

void WebhooksSettingsWidget::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Another process (crochet-cli, another window) may have changed the endpoints meanwhile.
    refresh();
}

#include "UsersPage.h"

#include "Feedback.h"
#include "UsersModel.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Settings.h"
#include "text/SafeText.h"
#include "text/TimeFormat.h"
#include "ui_UsersPage.h"
#include "webhooks/Endpoint.h"
#include "webhooks/WebhookUrl.h"

#include <QEvent>
#include <QFileDialog>
#include <QLocale>
#include <QShortcut>
#include <QShowEvent>
#include <QStandardPaths>

namespace {

constexpr int MaximumEarlyReports = 1000;
// Fields stay wide enough to read an address, whatever the window's width: the list gives way first.
constexpr int MinimumFieldCharacters = 24;
const QString WebhookSettingsLink = QStringLiteral("crochet:settings/general");

} // namespace

UsersPage::UsersPage(Database* database, DeliveryService* deliveries, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::UsersPage)
    , m_database(database)
    , m_deliveries(deliveries)
    , m_model(new UsersModel(database, this))
    , m_importer(new UserImporter(database, this))
{
    m_ui->setupUi(this);
    m_ui->usersView->setModel(m_model);
    // Role and date are short and never cut; name and email share the rest and are elided.
    auto* header = m_ui->usersView->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Fitted to the rows on screen: measuring a thousand rows on every insertion stalls the window during an import.
    header->setResizeContentsPrecision(0);
    header->setSectionResizeMode(UsersModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(UsersModel::EmailColumn, QHeaderView::Stretch);
    const int fieldWidth = fontMetrics().averageCharWidth() * MinimumFieldCharacters;
    for (QWidget* field :
         std::initializer_list<QWidget*> { m_ui->nameEdit, m_ui->emailEdit, m_ui->passwordEdit, m_ui->confirmEdit }) {
        field->setMinimumWidth(fieldWidth);
    }
    // Proportions only: the splitter scales them to the space it has.
    m_ui->usersSplitter->setSizes({ 3000, 2000 });
    m_ui->usersSplitter->setStretchFactor(0, 3);
    m_ui->usersSplitter->setStretchFactor(1, 2);
    m_ui->importReportView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->createButton->setAutoDefault(true);
    m_ui->importButton->setAutoDefault(true);
    fillRoleCombo();
    for (const auto field : { UserRules::Field::Name, UserRules::Field::Email, UserRules::Field::Password,
                              UserRules::Field::Confirmation }) {
        Feedback::clear(errorLabel(field));
        auto* edit = fieldEdit(field);
        connect(edit, &QLineEdit::returnPressed, this, &UsersPage::createUser);
        connect(edit, &QLineEdit::textEdited, this, [this, field] { clearProblem(field); });
    }
    Feedback::clear(m_ui->creationResultLabel);
    Feedback::clear(m_ui->importSummaryLabel);
    m_ui->importReportView->hide();
    updateImportControls();
    updateWebhookNotice();

    connect(m_ui->webhookSettingsButton, &QPushButton::clicked, this, &UsersPage::webhookSettingsRequested);
    connect(m_ui->creationResultLabel, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == WebhookSettingsLink) {
            emit webhookSettingsRequested();
        }
    });
    connect(m_ui->importReportCloseButton, &QPushButton::clicked, this, &UsersPage::closeImportReport);
    connect(m_ui->createButton, &QPushButton::clicked, this, &UsersPage::createUser);
    connect(&m_creation, &QFutureWatcher<UserStore::Created>::finished, this, &UsersPage::onCreated);
    connect(m_ui->importButton, &QPushButton::clicked, this, &UsersPage::chooseImportFile);
    connect(m_ui->importCancelButton, &QPushButton::clicked, this, &UsersPage::cancelImport);
    connect(m_importer, &UserImporter::progress, this, &UsersPage::onImportProgress);
    connect(m_importer, &UserImporter::finished, this, &UsersPage::onImportFinished);
    if (m_deliveries) {
        connect(m_importer, &UserImporter::batchCommitted, m_deliveries, &DeliveryService::wake);
        connect(m_deliveries, &DeliveryService::attemptRecorded, this, &UsersPage::onAttemptRecorded);
    }

    // Escape empties the form, or stops the import when the list side has the focus.
    new QShortcut(QKeySequence::Cancel, m_ui->createGroup, this, &UsersPage::clearForm, Qt::WidgetWithChildrenShortcut);
    new QShortcut(QKeySequence::Cancel, m_ui->listPanel, this, &UsersPage::cancelImport,
                  Qt::WidgetWithChildrenShortcut);
}

UsersPage::~UsersPage()
{
    m_importer->cancel();
    m_creation.waitForFinished();
}

void UsersPage::refresh()
{
    m_model->refresh();
}

bool UsersPage::webhookConfigured() const
{
    const auto endpoints = EndpointStore(m_database).list();
    return std::any_of(endpoints.cbegin(), endpoints.cend(), [](const Endpoint& endpoint) {
        return endpoint.receivesEvents() && endpoint.subscribes(Event::UserCreated);
    });
}

void UsersPage::updateWebhookNotice()
{
    const bool configured = webhookConfigured();
    if (!configured) {
        Feedback::show(m_ui->webhookNoticeLabel,
                       tr("No webhook is configured: accounts are created without any notification. Set up the "
                          "webhook to be told of every new account."),
                       Feedback::Kind::Warning);
    }
    m_ui->webhookNotice->setVisible(!configured);
}

void UsersPage::showEvent(QShowEvent* event)
{
    // Another process, or WEBHOOK_URL, may have changed the webhook meanwhile.
    if (!event->spontaneous()) {
        updateWebhookNotice();
    }
    QWidget::showEvent(event);
}

NewUser UsersPage::formUser() const
{
    NewUser user;
    user.name = m_ui->nameEdit->text().trimmed();
    user.email = m_ui->emailEdit->text().trimmed();
    user.role = static_cast<Role>(m_ui->roleCombo->currentData().toInt());
    user.password = m_ui->passwordEdit->text();
    user.confirmation = m_ui->confirmEdit->text();
    return user;
}

QLabel* UsersPage::errorLabel(UserRules::Field field) const
{
    switch (field) {
    case UserRules::Field::Name:
        return m_ui->nameErrorLabel;
    case UserRules::Field::Email:
        return m_ui->emailErrorLabel;
    case UserRules::Field::Password:
        return m_ui->passwordErrorLabel;
    case UserRules::Field::Confirmation:
        return m_ui->confirmErrorLabel;
    case UserRules::Field::Role:
        break;
    }
    return nullptr;
}

QLineEdit* UsersPage::fieldEdit(UserRules::Field field) const
{
    switch (field) {
    case UserRules::Field::Name:
        return m_ui->nameEdit;
    case UserRules::Field::Email:
        return m_ui->emailEdit;
    case UserRules::Field::Password:
        return m_ui->passwordEdit;
    case UserRules::Field::Confirmation:
        return m_ui->confirmEdit;
    case UserRules::Field::Role:
        break;
    }
    return nullptr;
}

bool UsersPage::showProblems(const QList<UserRules::Problem>& problems, bool moveFocus)
{
    QHash<UserRules::Field, QStringList> messages;
    for (const auto& problem : problems) {
        messages[problem.field] << problem.message;
    }
    if (m_duplicateEmail && !messages.contains(UserRules::Field::Email)) {
        messages[UserRules::Field::Email] << UserRules::duplicateEmailMessage(m_ui->emailEdit->text().trimmed());
    }
    QWidget* first = nullptr;
    for (const auto field : { UserRules::Field::Name, UserRules::Field::Email, UserRules::Field::Password,
                              UserRules::Field::Confirmation }) {
        const auto text = messages.value(field).join(QLatin1Char('\n'));
        Feedback::show(errorLabel(field), text, text.isEmpty() ? Feedback::Kind::None : Feedback::Kind::Error);
        fieldEdit(field)->setAccessibleDescription(text);
        if (!text.isEmpty() && !first) {
            first = fieldEdit(field);
        }
    }
    if (messages.contains(UserRules::Field::Role)) {
        Feedback::show(m_ui->creationResultLabel, messages.value(UserRules::Field::Role).join(QLatin1Char('\n')),
                       Feedback::Kind::Error);
        if (!first) {
            first = m_ui->roleCombo;
        }
    }
    m_problemsShown = !messages.isEmpty();
    if (first && moveFocus) {
        first->setFocus();
    }
    return !messages.isEmpty();
}

void UsersPage::clearProblem(UserRules::Field field)
{
    if (field == UserRules::Field::Email) {
        m_duplicateEmail = false;
    }
    Feedback::clear(errorLabel(field));
    fieldEdit(field)->setAccessibleDescription(QString());
}

void UsersPage::createUser()
{
    if (m_creation.isRunning()) {
        return;
    }
    m_duplicateEmail = false;
    m_result = {};
    showCreationResult();
    const auto user = formUser();
    if (showProblems(UserRules::validate(user))) {
        return;
    }
    m_result.stage = CreationResult::Stage::Creating;
    m_result.name = user.name;
    m_earlyReports.clear();
    showCreationResult();
    setFormEnabled(false);
    m_creation.setFuture(UserStore(m_database).createAsync(user));
}

void UsersPage::onCreated()
{
    const auto created = m_creation.result();
    setFormEnabled(true);
    if (!created.ok) {
        m_earlyReports.clear();
        if (created.duplicateEmail) {
            m_result = {};
            showCreationResult();
            m_duplicateEmail = true;
            showProblems({});
        } else {
            m_result.stage = CreationResult::Stage::Failed;
            m_result.error = created.error;
            showCreationResult();
        }
        emit userCreated(created);
        return;
    }

    m_result.stage = CreationResult::Stage::Created;
    m_result.name = created.user.name;
    const auto hold = DeliveryHold::load(m_database);
    for (const auto& notification : created.notifications) {
        CreationResult::Sent sent;
        sent.notificationId = notification.id;
        sent.endpoint = hold.endpointName(notification.endpointId);
        sent.holdReason = hold.reason(notification.endpointId);
        const auto early = m_earlyReports.constFind(notification.id);
        if (early != m_earlyReports.constEnd()) {
            sent.report = *early;
        }
        m_result.notifications.append(sent);
    }
    m_earlyReports.clear();
    showCreationResult();
    clearForm();
    m_model->refresh();
    if (m_model->rowCount() > 0) {
        m_ui->usersView->scrollToTop();
    }
    if (m_deliveries) {
        for (const auto& sent : std::as_const(m_result.notifications)) {
            if (!sent.report && sent.holdReason.isEmpty()) {
                m_deliveries->deliverNow(sent.notificationId);
            }
        }
    }
    emit userCreated(created);
}

void UsersPage::onAttemptRecorded(const AttemptReport& report)
{
    if (m_creation.isRunning()) {
        if (m_earlyReports.size() < MaximumEarlyReports) {
            m_earlyReports.insert(report.notificationId, report);
        }
        return;
    }
    if (m_result.stage != CreationResult::Stage::Created) {
        return;
    }
    for (auto& sent : m_result.notifications) {
        if (sent.notificationId == report.notificationId && !sent.report) {
            sent.report = report;
            showCreationResult();
        }
    }
}

void UsersPage::showCreationResult()
{
    auto* label = m_ui->creationResultLabel;
    switch (m_result.stage) {
    case CreationResult::Stage::None:
        Feedback::clear(label);
        return;
    case CreationResult::Stage::Creating:
        Feedback::show(label, tr("Creating the account…"), Feedback::Kind::Info);
        return;
    case CreationResult::Stage::Failed:
        Feedback::show(label, m_result.error, Feedback::Kind::Error);
        return;
    case CreationResult::Stage::Created:
        break;
    }
    const auto created = tr("Account “%1” created.").arg(m_result.name);
    if (m_result.notifications.isEmpty()) {
        Feedback::showWithLink(
            label, created + QLatin1Char(' ') + tr("No webhook is configured, so no notification was sent."),
            Feedback::Kind::Warning, WebhookSettingsLink, tr("Set up the webhook"));
        return;
    }
    // One sentence for each endpoint, named when there are several; the worst outcome sets the colour.
    const bool named = m_result.notifications.size() > 1;
    QStringList lines;
    auto kind = Feedback::Kind::Success;
    bool held = false;
    for (const auto& sent : std::as_const(m_result.notifications)) {
        QString line;
        if (!sent.report && !sent.holdReason.isEmpty()) {
            line = sent.holdReason;
            held = true;
            if (kind == Feedback::Kind::Success || kind == Feedback::Kind::Info) {
                kind = Feedback::Kind::Warning;
            }
        } else if (!sent.report) {
            line = m_deliveries ? tr("Sending the notification…")
                                : tr("Its notification will be sent by the next running Crochet.");
            if (kind == Feedback::Kind::Success) {
                kind = Feedback::Kind::Info;
            }
        } else {
            const auto& report = *sent.report;
            line = tr("Notification: %1").arg(report.result.summary());
            if (!report.result.isSuccess() && report.state == Outbox::stateKey(Outbox::State::Pending)
                && report.nextAttemptAt.isValid()) {
                line += QLatin1Char(' ')
                    + tr("Crochet will try again at %1.").arg(TimeFormat::dateTime(report.nextAttemptAt));
            }
            if (!report.result.isSuccess()) {
                kind = Feedback::Kind::Error;
            }
        }
        //: Users page, after creating an account notified to several endpoints: %1 the endpoint's name, %2 what
        //: happened to its notification
        lines << (named ? tr("%1: %2").arg(sent.endpoint, line) : line);
    }
    const QString text = created + QLatin1Char(' ') + lines.join(QLatin1Char(' '));
    if (held) {
        Feedback::showWithLink(label, text, kind, WebhookSettingsLink, tr("Open the webhook settings"));
    } else {
        Feedback::show(label, text, kind);
    }
}

void UsersPage::clearForm()
{
    if (m_creation.isRunning()) {
        return;
    }
    m_ui->nameEdit->clear();
    m_ui->emailEdit->clear();
    m_ui->passwordEdit->clear();
    m_ui->confirmEdit->clear();
    m_ui->roleCombo->setCurrentIndex(qMax(0, m_ui->roleCombo->findData(static_cast<int>(Roles::defaultRole()))));
    m_duplicateEmail = false;
    for (const auto field : { UserRules::Field::Name, UserRules::Field::Email, UserRules::Field::Password,
                              UserRules::Field::Confirmation }) {
        clearProblem(field);
    }
    m_problemsShown = false;
    m_ui->nameEdit->setFocus();
}

void UsersPage::setFormEnabled(bool enabled)
{
    for (QWidget* widget : std::initializer_list<QWidget*> { m_ui->nameEdit, m_ui->emailEdit, m_ui->passwordEdit,
                                                             m_ui->confirmEdit, m_ui->roleCombo, m_ui->createButton }) {
        widget->setEnabled(enabled);
    }
}

void UsersPage::chooseImportFile()
{
    const auto path = QFileDialog::getOpenFileName(this, tr("Import accounts"),
                                                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
                                                   tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty()) {
        importFile(path);
    }
}

bool UsersPage::importFile(const QString& path)
{
    if (m_importer->isRunning()) {
        return false;
    }
    m_importSummary.reset();
    m_importNotified = webhookConfigured();
    m_ui->importProgress->setRange(0, 0);
    m_ui->importProgress->setValue(0);
    m_ui->importReportView->setRowCount(0);
    m_ui->importReportView->hide();
    m_importer->start(path);
    updateImportControls();
    showImportSummary();
    m_ui->importCancelButton->setFocus();
    return true;
}

void UsersPage::cancelImport()
{
    if (m_importer->isRunning()) {
        m_importer->cancel();
        m_ui->importCancelButton->setEnabled(false);
    }
}

void UsersPage::closeImportReport()
{
    if (m_importer->isRunning()) {
        return;
    }
    m_importSummary.reset();
    m_ui->importReportView->setRowCount(0);
    m_ui->importReportView->hide();
    updateImportControls();
    showImportSummary();
    m_ui->importButton->setFocus();
}

void UsersPage::onImportProgress(int done, int total)
{
    if (m_ui->importProgress->maximum() != total) {
        m_ui->importProgress->setRange(0, total);
    }
    m_ui->importProgress->setValue(done);
}

void UsersPage::onImportFinished(const UserImporter::Summary& summary)
{
    m_importSummary = summary;
    if (summary.error.isEmpty() && !summary.cancelled) {
        m_ui->importProgress->setRange(0, qMax(1, m_ui->importProgress->maximum()));
        m_ui->importProgress->setValue(m_ui->importProgress->maximum());
    }
    auto* report = m_ui->importReportView;
    report->setRowCount(static_cast<int>(summary.refused.size()));
    for (int row = 0; row < summary.refused.size(); ++row) {
        const auto& refused = summary.refused.at(row);
        auto* line = new QTableWidgetItem;
        line->setData(Qt::DisplayRole, refused.line);
        report->setItem(row, 0, line);
        report->setItem(row, 1, new QTableWidgetItem(SafeText::printable(refused.reason)));
    }
    report->setVisible(!summary.refused.isEmpty());
    updateImportControls();
    showImportSummary();
    m_model->refresh();
    if (m_deliveries && summary.created > 0) {
        m_deliveries->wake();
    }
    if (m_ui->importCancelButton->hasFocus() || !focusWidget()) {
        m_ui->importButton->setFocus();
    }
    emit importFinished(summary);
}

void UsersPage::showImportSummary()
{
    auto* label = m_ui->importSummaryLabel;
    if (m_importer->isRunning()) {
        Feedback::show(label, tr("Importing accounts…"), Feedback::Kind::Info);
        return;
    }
    if (!m_importSummary) {
        Feedback::clear(label);
        return;
    }
    const auto& summary = *m_importSummary;
    if (!summary.error.isEmpty()) {
        Feedback::show(label, summary.error, Feedback::Kind::Error);
        return;
    }
    QStringList parts;
    if (summary.cancelled) {
        parts << tr("Import cancelled; the accounts already created are kept.");
    }
    parts << tr("Accounts created: %1.").arg(QLocale().toString(summary.created));
    if (!summary.refused.isEmpty()) {
        parts << tr("Lines refused: %1, listed below.").arg(QLocale().toString(summary.refused.size()));
    }
    if (summary.created > 0) {
        parts << (m_importNotified ? tr("Their notifications are being delivered (see Deliveries).")
                                   : tr("No webhook is configured, so no notification was sent."));
    }
    const auto kind = summary.created > 0 && !m_importNotified ? Feedback::Kind::Warning
        : summary.refused.isEmpty() && !summary.cancelled      ? Feedback::Kind::Success
                                                               : Feedback::Kind::Info;
    Feedback::show(label, parts.join(QLatin1Char(' ')), kind);
}

void UsersPage::updateImportControls()
{
    const bool running = m_importer->isRunning();
    m_ui->importButton->setEnabled(!running);
    m_ui->importCancelButton->setVisible(running);
    m_ui->importCancelButton->setEnabled(running);
    m_ui->importProgress->setVisible(running || m_importSummary.has_value());
    m_ui->importReportCloseButton->setVisible(!running && m_importSummary.has_value());
}

void UsersPage::fillRoleCombo()
{
    auto* combo = m_ui->roleCombo;
    const auto selected = combo->currentData();
    const QSignalBlocker blocker(combo);
    combo->clear();
    for (const auto role : Roles::all()) {
        combo->addItem(Roles::displayName(role), static_cast<int>(role));
    }
    const auto index = combo->findData(selected.isValid() ? selected : static_cast<int>(Roles::defaultRole()));
    combo->setCurrentIndex(qMax(0, index));
}

void UsersPage::retranslate()
{
    fillRoleCombo();
    m_model->retranslate();
    if (m_problemsShown) {
        showProblems(UserRules::validate(formUser()), false);
    }
    showCreationResult();
    showImportSummary();
    updateWebhookNotice();
}

void UsersPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

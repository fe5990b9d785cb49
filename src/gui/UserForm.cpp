#include "UserForm.h"

#include "Feedback.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "text/TimeFormat.h"
#include "ui_UserForm.h"
#include "webhooks/Endpoint.h"

#include <QEvent>
#include <QShortcut>

namespace {

constexpr int MaximumEarlyReports = 1000;
// Fields stay wide enough to read an address, whatever the window's width: the list gives way first.
constexpr int MinimumFieldCharacters = 24;
const QString WebhookSettingsLink = QStringLiteral("crochet:settings/general");

} // namespace

UserForm::UserForm(Database* database, DeliveryService* deliveries, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::UserForm)
    , m_database(database)
    , m_deliveries(deliveries)
{
    m_ui->setupUi(this);
    const int fieldWidth = fontMetrics().averageCharWidth() * MinimumFieldCharacters;
    for (QWidget* field :
         std::initializer_list<QWidget*> { m_ui->nameEdit, m_ui->emailEdit, m_ui->passwordEdit, m_ui->confirmEdit }) {
        field->setMinimumWidth(fieldWidth);
    }
    m_ui->createButton->setAutoDefault(true);
    fillRoleCombo();
    for (const auto field : { UserRules::Field::Name, UserRules::Field::Email, UserRules::Field::Password,
                              UserRules::Field::Confirmation }) {
        Feedback::clear(errorLabel(field));
        auto* edit = fieldEdit(field);
        connect(edit, &QLineEdit::returnPressed, this, &UserForm::createUser);
        connect(edit, &QLineEdit::textEdited, this, [this, field] { clearProblem(field); });
    }
    Feedback::clear(m_ui->creationResultLabel);
    connect(m_ui->creationResultLabel, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == WebhookSettingsLink) {
            emit webhookSettingsRequested();
        }
    });
    connect(m_ui->createButton, &QPushButton::clicked, this, &UserForm::createUser);
    connect(&m_creation, &QFutureWatcher<UserStore::Created>::finished, this, &UserForm::onCreated);
    if (m_deliveries) {
        connect(m_deliveries, &DeliveryService::attemptRecorded, this, &UserForm::onAttemptRecorded);
    }
    // Escape empties the form.
    new QShortcut(QKeySequence::Cancel, m_ui->createGroup, this, &UserForm::clearForm, Qt::WidgetWithChildrenShortcut);
}

UserForm::~UserForm()
{
    m_creation.waitForFinished();
}

NewUser UserForm::formUser() const
{
    NewUser user;
    user.name = m_ui->nameEdit->text().trimmed();
    user.email = m_ui->emailEdit->text().trimmed();
    user.role = static_cast<Role>(m_ui->roleCombo->currentData().toInt());
    user.password = m_ui->passwordEdit->text();
    user.confirmation = m_ui->confirmEdit->text();
    return user;
}

QLabel* UserForm::errorLabel(UserRules::Field field) const
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

QLineEdit* UserForm::fieldEdit(UserRules::Field field) const
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

bool UserForm::showProblems(const QList<UserRules::Problem>& problems, bool moveFocus)
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

void UserForm::clearProblem(UserRules::Field field)
{
    if (field == UserRules::Field::Email) {
        m_duplicateEmail = false;
    }
    Feedback::clear(errorLabel(field));
    fieldEdit(field)->setAccessibleDescription(QString());
}

void UserForm::createUser()
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

void UserForm::onCreated()
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
    if (m_deliveries) {
        for (const auto& sent : std::as_const(m_result.notifications)) {
            if (!sent.report && sent.holdReason.isEmpty()) {
                m_deliveries->deliverNow(sent.notificationId);
            }
        }
    }
    emit userCreated(created);
}

void UserForm::onAttemptRecorded(const AttemptReport& report)
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

void UserForm::showCreationResult()
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
    // A QString, not a QStringBuilder expression that would refer to the temporary join().
    const QString text = created + QLatin1Char(' ') + lines.join(QLatin1Char(' '));
    if (held) {
        Feedback::showWithLink(label, text, kind, WebhookSettingsLink, tr("Open the webhook settings"));
    } else {
        Feedback::show(label, text, kind);
    }
}

void UserForm::clearForm()
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

void UserForm::setFormEnabled(bool enabled)
{
    for (QWidget* widget : std::initializer_list<QWidget*> { m_ui->nameEdit, m_ui->emailEdit, m_ui->passwordEdit,
                                                             m_ui->confirmEdit, m_ui->roleCombo, m_ui->createButton }) {
        widget->setEnabled(enabled);
    }
}

void UserForm::fillRoleCombo()
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

void UserForm::retranslate()
{
    fillRoleCombo();
    if (m_problemsShown) {
        showProblems(UserRules::validate(formUser()), false);
    }
    showCreationResult();
}

void UserForm::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

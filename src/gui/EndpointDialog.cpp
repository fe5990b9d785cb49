#include "EndpointDialog.h"

#include "Combos.h"
#include "Feedback.h"
#include "text/TimeFormat.h"
#include "ui_EndpointDialog.h"
#include "webhooks/MessageTemplate.h"
#include "webhooks/PayloadBuilder.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookUrl.h"

#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QPushButton>

namespace {

constexpr int ValueRole = Qt::UserRole;
constexpr int MaskedRole = Qt::UserRole + 1;

QString checkName(Event event)
{
    return QStringLiteral("eventCheck_") + Events::key(event).replace(QLatin1Char('.'), QLatin1Char('_'));
}

} // namespace

EndpointDialog::EndpointDialog(EndpointStore* store, Mode mode, const Endpoint& endpoint, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::EndpointDialog)
    , m_store(store)
    , m_mode(mode)
    , m_original(endpoint)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("endpointDialog"));
    if (m_mode != Mode::Edit) {
        // What belongs to the stored endpoint, not to its settings, stays behind.
        m_original.id = -1;
        m_original.main = false;
        m_original.goneAt = {};
        m_original.createdAt = {};
        m_original.updatedAt = {};
    }
    // Wide enough for a webhook URL and a JSON preview, in text units so that it suits any scale.
    setMinimumWidth(fontMetrics().averageCharWidth() * 88);
    m_ui->endpointTimeoutSpin->setRange(Endpoint::MinimumTimeoutSeconds, Endpoint::MaximumTimeoutSeconds);
    m_ui->endpointDigestWindowSpin->setRange(Endpoint::MinimumDigestWindowSeconds,
                                             Endpoint::MaximumDigestWindowSeconds);
    m_ui->previewEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->templateEdit->setMaximumHeight(m_ui->templateEdit->fontMetrics().lineSpacing() * 5);
    m_ui->headersTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->headersTable->setMinimumHeight(m_ui->headersTable->horizontalHeader()->sizeHint().height()
                                         + m_ui->headersTable->verticalHeader()->defaultSectionSize() * 3
                                         + m_ui->headersTable->frameWidth() * 2);
    m_ui->endpointButtonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("endpointSaveButton"));
    m_ui->endpointButtonBox->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("endpointCancelButton"));
    addEventChecks();
    fillFormatCombo();
    fillTemplateEvents();

    connect(m_ui->endpointUrlEdit, &QLineEdit::textChanged, this, [this] {
        updateUrlFeedback();
        updateAutoFormat();
        updateDigest();
        updatePreview();
    });
    connect(m_ui->endpointFormatCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateAutoFormat();
        updateDigest();
        updatePreview();
    });
    // clicked, not toggled: only the administrator's own click is a choice.
    connect(m_ui->endpointDigestCheck, &QCheckBox::clicked, this, [this](bool checked) {
        m_digestChoice = checked;
        updateDigest();
    });
    connect(m_ui->endpointEnabledCheck, &QCheckBox::toggled, this, &EndpointDialog::updateStateNotice);
    connect(m_ui->templateEventCombo, &QComboBox::currentIndexChanged, this, [this] { showTemplate(templateEvent()); });
    connect(m_ui->templateEdit, &QPlainTextEdit::textChanged, this, &EndpointDialog::onTemplateEdited);
    connect(m_ui->showSecretButton, &QPushButton::toggled, this, [this](bool shown) {
        m_ui->signingSecretEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        retranslate();
    });
    connect(m_ui->copySecretButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_secret); });
    connect(m_ui->generateSecretButton, &QPushButton::clicked, this, &EndpointDialog::generateSecret);
    connect(m_ui->clearSecretButton, &QPushButton::clicked, this, &EndpointDialog::clearSecret);
    connect(m_ui->addHeaderButton, &QPushButton::clicked, this, &EndpointDialog::addHeader);
    connect(m_ui->removeHeaderButton, &QPushButton::clicked, this, &EndpointDialog::removeHeader);
    connect(m_ui->headersTable, &QTableWidget::itemChanged, this, &EndpointDialog::onHeaderChanged);
    connect(m_ui->headersTable, &QTableWidget::itemSelectionChanged, this, &EndpointDialog::updateHeaderButtons);
    connect(m_ui->endpointButtonBox, &QDialogButtonBox::accepted, this, &EndpointDialog::accept);
    connect(m_ui->endpointButtonBox, &QDialogButtonBox::rejected, this, &EndpointDialog::reject);

    load();
    retranslate();
    m_ui->endpointNameEdit->setFocus(Qt::OtherFocusReason);
    if (m_mode == Mode::Duplicate) {
        m_ui->endpointNameEdit->selectAll();
    }
}

EndpointDialog::~EndpointDialog() = default;

void EndpointDialog::load()
{
    m_filling = true;
    m_ui->endpointNameEdit->setText(m_original.name);
    m_ui->endpointUrlEdit->setText(m_original.url);
    m_ui->endpointFormatCombo->setCurrentIndex(
        qMax(0, m_ui->endpointFormatCombo->findData(PayloadFormat::key(m_original.format))));
    m_ui->endpointTimeoutSpin->setValue(m_original.timeoutSeconds);
    m_digestChoice = m_original.digest;
    m_ui->endpointDigestWindowSpin->setValue(m_original.digestWindowSeconds);
    // An endpoint disabled after a 410 shows unticked: ticking it is how it sends again.
    m_initialEnabled = m_original.enabled && !m_original.goneAt.isValid();
    m_ui->endpointEnabledCheck->setChecked(m_initialEnabled);
    for (auto it = m_eventChecks.cbegin(); it != m_eventChecks.cend(); ++it) {
        it.value()->setChecked(m_original.events.contains(it.key()));
    }
    m_templates = m_original.templates;
    m_secret = m_original.signingSecret;
    m_previousSecret = m_original.previousSigningSecret;
    m_previousSecretExpiresAt = m_original.previousSecretExpiresAt;
    // A duplicate is a new endpoint: everything in it is written, its secret too.
    m_secretChanged = m_mode == Mode::Duplicate;
    m_headersChanged = m_mode == Mode::Duplicate;
    m_ui->signingSecretEdit->setText(m_secret);
    m_filling = false;
    fillHeaders(m_original.headers);
    showTemplate(templateEvent());
    updateUrlFeedback();
    updateAutoFormat();
    updateDigest();
    updateStateNotice();
    updateSecret();
    updateHeaderButtons();
    Feedback::clear(m_ui->endpointErrorLabel);
}

void EndpointDialog::addEventChecks()
{
    const auto events = Events::subscribable();
    for (const auto event : events) {
        auto* check = new QCheckBox(m_ui->eventsGroup);
        check->setObjectName(checkName(event));
        m_ui->eventsLayout->addWidget(check);
        m_eventChecks.insert(event, check);
    }
}

void EndpointDialog::fillFormatCombo()
{
    Combos::fillFormats(m_ui->endpointFormatCombo);
}

void EndpointDialog::fillTemplateEvents()
{
    QList<QPair<QString, QVariant>> items;
    for (const auto event : Events::all()) {
        items.append({ Events::displayName(event), Events::key(event) });
    }
    Combos::refill(m_ui->templateEventCombo, items);
}

Endpoint EndpointDialog::endpoint() const
{
    auto endpoint = m_original;
    endpoint.name = m_ui->endpointNameEdit->text().trimmed();
    endpoint.url = m_ui->endpointUrlEdit->text().trimmed();
    endpoint.format = currentFormat();
    endpoint.timeoutSeconds = m_ui->endpointTimeoutSpin->value();
    endpoint.digest = m_digestChoice;
    endpoint.digestWindowSeconds = m_ui->endpointDigestWindowSpin->value();
    if (enabledChecked() != m_initialEnabled) {
        endpoint.enabled = enabledChecked();
        if (endpoint.enabled) {
            endpoint.goneAt = {};
        }
    }
    endpoint.events = checkedEvents();
    endpoint.templates.clear();
    for (auto it = m_templates.cbegin(); it != m_templates.cend(); ++it) {
        if (!it.value().isEmpty()) {
            endpoint.templates.insert(it.key(), it.value());
        }
    }
    endpoint.signingSecret = m_secret;
    endpoint.previousSigningSecret = m_previousSecret;
    endpoint.previousSecretExpiresAt = m_previousSecretExpiresAt;
    endpoint.headers = tableHeaders();
    return endpoint;
}

Event EndpointDialog::templateEvent() const
{
    return Events::fromKey(m_ui->templateEventCombo->currentData().toString()).value_or(Event::UserCreated);
}

PayloadFormat::Format EndpointDialog::currentFormat() const
{
    return PayloadFormat::fromKey(m_ui->endpointFormatCombo->currentData().toString()).value_or(PayloadFormat::Auto);
}

QList<Event> EndpointDialog::checkedEvents() const
{
    QList<Event> events;
    const auto all = Events::subscribable();
    for (const auto event : all) {
        if (m_eventChecks.value(event)->isChecked()) {
            events.append(event);
        }
    }
    return events;
}

bool EndpointDialog::enabledChecked() const
{
    return m_ui->endpointEnabledCheck->isChecked();
}

void EndpointDialog::showTemplate(Event event)
{
    m_filling = true;
    m_ui->templateEdit->setPlaceholderText(MessageTemplate::defaultText(event));
    m_ui->templateEdit->setPlainText(m_templates.value(event));
    m_filling = false;
    updateTemplateFeedback();
    updatePreview();
}

void EndpointDialog::onTemplateEdited()
{
    if (m_filling) {
        return;
    }
    m_templates.insert(templateEvent(), m_ui->templateEdit->toPlainText());
    updateTemplateFeedback();
    updatePreview();
}

void EndpointDialog::updateUrlFeedback()
{
    auto* label = m_ui->endpointUrlMessageLabel;
    const auto check = WebhookUrl::validate(m_ui->endpointUrlEdit->text().trimmed());
    switch (check.verdict) {
    case WebhookUrl::Verdict::Valid:
        Feedback::clear(label);
        break;
    case WebhookUrl::Verdict::Empty:
        if (m_original.main) {
            Feedback::show(label, tr("No URL: nothing is sent to the main endpoint."), Feedback::Kind::Info);
        } else {
            Feedback::show(label, tr("Enter the webhook's URL."), Feedback::Kind::Info);
        }
        break;
    case WebhookUrl::Verdict::Invalid:
        Feedback::show(label, check.message, Feedback::Kind::Error);
        break;
    }
}

void EndpointDialog::updateAutoFormat()
{
    const auto hint = PayloadFormat::autoHint(currentFormat(), m_ui->endpointUrlEdit->text().trimmed());
    if (hint.isEmpty()) {
        Feedback::clear(m_ui->endpointAutoFormatLabel);
    } else {
        Feedback::show(m_ui->endpointAutoFormatLabel, hint, Feedback::Kind::Info);
    }
}

void EndpointDialog::updateDigest()
{
    const auto shape = PayloadFormat::resolve(currentFormat(), QUrl(m_ui->endpointUrlEdit->text().trimmed()));
    const bool byDefault = PayloadFormat::digestsByDefault(shape);
    const bool digest = m_digestChoice.value_or(byDefault);
    m_ui->endpointDigestCheck->setChecked(digest);
    m_ui->endpointDigestWindowSpin->setEnabled(digest);
    QString hint;
    if (digest) {
        hint = tr("Notifications that fall due within this many seconds go as one message listing the accounts "
                  "(\"12 new users signed up: Ana, Bo, …\"), in several when the service's length limit needs it. "
                  "One alone, with nothing sent lately, goes at once.");
    } else {
        hint = tr("One message per notification.");
    }
    if (!m_digestChoice) {
        hint += QLatin1Char(' ')
            + (byDefault ? tr("The default for chat services, which accept few messages a minute.")
                         : tr("The default for this format."));
    }
    Feedback::show(m_ui->endpointDigestHintLabel, hint, Feedback::Kind::Info);
}

void EndpointDialog::updateStateNotice()
{
    if (m_original.goneAt.isValid() && !enabledChecked()) {
        Feedback::show(
            m_ui->endpointStateLabel,
            tr("Disabled after HTTP 410 on %1: the webhook no longer exists on the service. Set a new URL, or "
               "tick Enabled to send to this one again.")
                .arg(TimeFormat::dateTime(m_original.goneAt)),
            Feedback::Kind::Error);
    } else {
        Feedback::clear(m_ui->endpointStateLabel);
    }
}

void EndpointDialog::updateTemplateFeedback()
{
    const auto text = m_ui->templateEdit->toPlainText();
    if (text.isEmpty()) {
        Feedback::show(m_ui->templateMessageLabel, tr("Empty: the default message, shown in grey, is sent."),
                       Feedback::Kind::Info);
        return;
    }
    const auto problem = MessageTemplate::problem(text);
    if (problem.isEmpty()) {
        Feedback::clear(m_ui->templateMessageLabel);
    } else {
        Feedback::show(m_ui->templateMessageLabel, problem, Feedback::Kind::Error);
    }
}

Notification EndpointDialog::sampleNotification(Event event)
{
    if (event == Event::WebhookTest) {
        return Notification::test();
    }
    UserRecord user;
    user.id = QStringLiteral("0b9f3c1e-7d2a-4e5b-9c8d-1a2b3c4d5e6f");
    user.name = QStringLiteral("Ada Lovelace");
    user.email = QStringLiteral("ada@example.org");
    user.role = Role::User;
    user.createdAt = QDateTime(QDate(2026, 11, 26), QTime(9, 30), Qt::UTC);
    user.hasPassword = true;
    QJsonObject changes;
    if (event == Event::UserUpdated) {
        changes.insert(QStringLiteral("email"),
                       QJsonObject { { QStringLiteral("from"), QStringLiteral("ada.byron@example.org") },
                                     { QStringLiteral("to"), user.email } });
    }
    return Notification::forEvent(event, user, changes);
}

QString EndpointDialog::previewBody(const Endpoint& endpoint, Event event)
{
    auto notification = sampleNotification(event);
    notification.text = endpoint.messageTemplate(event);
    const auto payload = PayloadBuilder::build(notification, endpoint.shape());
    if (payload.contentType.startsWith("application/json")) {
        const auto document = QJsonDocument::fromJson(payload.body);
        if (!document.isNull()) {
            return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
        }
    }
    return QString::fromUtf8(payload.body);
}

void EndpointDialog::updatePreview()
{
    const auto current = endpoint();
    const auto format =
        current.format == PayloadFormat::Auto ? PayloadFormat::detect(QUrl(current.url)) : current.format;
    //: The preview's caption: %1 is the payload format sent (Discord, JSON…), %2 its Content-Type.
    m_ui->previewShapeLabel->setText(tr("The body posted in the %1 format (%2), with a sample account:")
                                         .arg(PayloadFormat::displayName(format),
                                              QString::fromLatin1(PayloadBuilder::contentType(current.shape()))));
    m_ui->previewEdit->setPlainText(previewBody(current, templateEvent()));
}

void EndpointDialog::generateSecret()
{
    Endpoint rotated;
    rotated.signingSecret = m_secret;
    rotated.previousSigningSecret = m_previousSecret;
    rotated.previousSecretExpiresAt = m_previousSecretExpiresAt;
    rotated.rotateSecret();
    m_secret = rotated.signingSecret;
    m_previousSecret = rotated.previousSigningSecret;
    m_previousSecretExpiresAt = rotated.previousSecretExpiresAt;
    m_secretChanged = true;
    updateSecret();
}

void EndpointDialog::clearSecret()
{
    Endpoint cleared;
    cleared.clearSecret();
    m_secret = cleared.signingSecret;
    m_previousSecret = cleared.previousSigningSecret;
    m_previousSecretExpiresAt = cleared.previousSecretExpiresAt;
    m_secretChanged = true;
    updateSecret();
}

void EndpointDialog::updateSecret()
{
    m_ui->signingSecretEdit->setText(m_secret);
    const bool hasSecret = !m_secret.isEmpty();
    m_ui->showSecretButton->setEnabled(hasSecret);
    m_ui->copySecretButton->setEnabled(hasSecret);
    m_ui->clearSecretButton->setEnabled(hasSecret || !m_previousSecret.isEmpty());
    m_ui->generateSecretButton->setText(hasSecret ? tr("Rotat&e the secret") : tr("Gene&rate a secret"));

    QString text;
    if (!hasSecret) {
        text = tr("Requests are not signed.");
    } else {
        text = tr("Requests are signed with this secret. Give it to the receiver so it can check the signatures.");
        Endpoint secrets;
        secrets.signingSecret = m_secret;
        secrets.previousSigningSecret = m_previousSecret;
        secrets.previousSecretExpiresAt = m_previousSecretExpiresAt;
        if (secrets.previousSecretSigns()) {
            text += QLatin1Char(' ')
                + tr("The previous secret keeps signing alongside it until %1.")
                      .arg(TimeFormat::dateTime(m_previousSecretExpiresAt));
        }
    }
    if (m_secretChanged && m_mode == Mode::Edit) {
        text += QLatin1Char(' ') + tr("The change is saved with the endpoint.");
    }
    Feedback::show(m_ui->secretStatusLabel, text, Feedback::Kind::Info);
}

void EndpointDialog::fillHeaders(const HeaderList& headers)
{
    m_filling = true;
    auto* table = m_ui->headersTable;
    table->setRowCount(0);
    for (const auto& [name, value] : headers) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(name)));
        const auto masked = QString::fromUtf8(WebhookConfig::maskValue(name, value));
        auto* valueItem = new QTableWidgetItem(masked);
        valueItem->setData(ValueRole, QString::fromUtf8(value));
        valueItem->setData(MaskedRole, masked);
        valueItem->setToolTip(tr("Saved value, masked. Type a new value to replace it."));
        table->setItem(row, 1, valueItem);
    }
    m_filling = false;
}

HeaderList EndpointDialog::tableHeaders() const
{
    HeaderList headers;
    const auto* table = m_ui->headersTable;
    for (int row = 0; row < table->rowCount(); ++row) {
        const auto* nameItem = table->item(row, 0);
        const auto* valueItem = table->item(row, 1);
        const auto name = nameItem ? nameItem->text().trimmed() : QString();
        if (name.isEmpty()) {
            continue;
        }
        const auto value = valueItem ? valueItem->data(ValueRole).toString() : QString();
        headers.append({ name.toLatin1(), value.toUtf8() });
    }
    return headers;
}

void EndpointDialog::addHeader()
{
    auto* table = m_ui->headersTable;
    const int row = table->rowCount();
    m_filling = true;
    table->insertRow(row);
    table->setItem(row, 0, new QTableWidgetItem);
    auto* valueItem = new QTableWidgetItem;
    valueItem->setData(ValueRole, QString());
    table->setItem(row, 1, valueItem);
    m_filling = false;
    m_headersChanged = true;
    table->setCurrentCell(row, 0);
    table->setFocus();
    table->editItem(table->item(row, 0));
    updateHeaderButtons();
}

void EndpointDialog::removeHeader()
{
    auto* table = m_ui->headersTable;
    const int row = table->currentRow();
    if (row < 0) {
        return;
    }
    table->removeRow(row);
    m_headersChanged = true;
    updateHeaderButtons();
}

void EndpointDialog::onHeaderChanged(QTableWidgetItem* item)
{
    if (m_filling) {
        return;
    }
    if (item->column() == 1 && item->text() != item->data(MaskedRole).toString()) {
        // A new value replaces the saved one; it stays readable until saved.
        m_filling = true;
        item->setData(ValueRole, item->text());
        item->setData(MaskedRole, QVariant());
        item->setToolTip(QString());
        m_filling = false;
    }
    m_headersChanged = true;
    updateHeaderButtons();
}

QString EndpointDialog::headersProblem() const
{
    const auto* table = m_ui->headersTable;
    QStringList seen;
    for (int row = 0; row < table->rowCount(); ++row) {
        const auto* nameItem = table->item(row, 0);
        const auto name = nameItem ? nameItem->text().trimmed() : QString();
        const auto* valueItem = table->item(row, 1);
        const auto value = valueItem ? valueItem->data(ValueRole).toString() : QString();
        if (name.isEmpty()) {
            if (!value.isEmpty()) {
                return tr("Line %1: give the header a name.").arg(row + 1);
            }
            continue;
        }
        if (const auto problem = WebhookConfig::headerProblem(name, value); !problem.isEmpty()) {
            return tr("Line %1: %2").arg(row + 1).arg(problem);
        }
        if (seen.contains(name.toLower())) {
            return tr("Line %1: the %2 header is already listed.").arg(row + 1).arg(name);
        }
        seen << name.toLower();
    }
    return {};
}

void EndpointDialog::updateHeaderButtons()
{
    m_ui->removeHeaderButton->setEnabled(m_ui->headersTable->currentRow() >= 0);
    const auto problem = headersProblem();
    if (problem.isEmpty()) {
        Feedback::clear(m_ui->headersMessageLabel);
    } else {
        Feedback::show(m_ui->headersMessageLabel, problem, Feedback::Kind::Error);
    }
}

void EndpointDialog::showError(const QString& text)
{
    Feedback::show(m_ui->endpointErrorLabel, text, Feedback::Kind::Error);
}

void EndpointDialog::accept()
{
    // The fields in error are shown first: the headers, then the messages, then the rest.
    if (const auto problem = headersProblem(); !problem.isEmpty()) {
        m_ui->endpointTabs->setCurrentWidget(m_ui->endpointSecurityTab);
        showError(problem);
        return;
    }
    const auto edited = endpoint();
    const auto events = Events::all();
    for (const auto event : events) {
        if (!MessageTemplate::problem(edited.templates.value(event)).isEmpty()) {
            m_ui->endpointTabs->setCurrentWidget(m_ui->messagesTab);
            m_ui->templateEventCombo->setCurrentIndex(m_ui->templateEventCombo->findData(Events::key(event)));
            showError(edited.problem());
            return;
        }
    }
    if (const auto problem = edited.problem(); !problem.isEmpty()) {
        m_ui->endpointTabs->setCurrentWidget(m_ui->endpointTab);
        showError(problem);
        return;
    }

    QString error;
    qint64 id = edited.id;
    bool saved = false;
    if (m_mode == Mode::Edit) {
        // Only what this dialog changed replaces what is stored: the secret may have been rotated elsewhere meanwhile.
        saved = m_store->update(
            edited.id,
            [&](Endpoint& stored) {
                stored.name = edited.name;
                stored.url = edited.url;
                stored.format = edited.format;
                stored.timeoutSeconds = edited.timeoutSeconds;
                stored.digest = edited.digest;
                stored.digestWindowSeconds = edited.digestWindowSeconds;
                if (enabledChecked() != m_initialEnabled) {
                    stored.enabled = edited.enabled;
                    if (edited.enabled) {
                        stored.goneAt = {};
                    }
                }
                stored.events = edited.events;
                stored.templates = edited.templates;
                if (m_secretChanged) {
                    stored.signingSecret = edited.signingSecret;
                    stored.previousSigningSecret = edited.previousSigningSecret;
                    stored.previousSecretExpiresAt = edited.previousSecretExpiresAt;
                }
                if (m_headersChanged) {
                    stored.headers = edited.headers;
                }
                return true;
            },
            &error);
    } else {
        auto added = edited;
        saved = m_store->add(added, &error);
        id = added.id;
    }
    if (!saved) {
        showError(error.isEmpty() ? tr("The endpoint could not be saved; nothing was changed.") : error);
        return;
    }
    emit endpointSaved(id);
    QDialog::accept();
}

void EndpointDialog::retranslate()
{
    switch (m_mode) {
    case Mode::Add:
        setWindowTitle(tr("Add an endpoint"));
        break;
    case Mode::Edit:
        //: Window title: %1 is the endpoint's name
        setWindowTitle(tr("Endpoint %1").arg(m_original.name));
        break;
    case Mode::Duplicate:
        setWindowTitle(tr("Duplicate an endpoint"));
        break;
    }
    for (auto it = m_eventChecks.cbegin(); it != m_eventChecks.cend(); ++it) {
        it.value()->setText(Events::displayName(it.key()));
        it.value()->setToolTip(Events::key(it.key()));
    }
    //: Message templates: the placeholders that can be used, then how to write a brace
    m_ui->placeholdersLabel->setText(tr("Placeholders: %1. Write {{ and }} for braces of their own.")
                                         .arg(MessageTemplate::placeholders().join(QStringLiteral(", "))));
    //: Unit after the timeout value, in seconds.
    m_ui->endpointTimeoutSpin->setSuffix(tr(" s"));
    //: Unit after the digest window, in seconds.
    m_ui->endpointDigestWindowSpin->setSuffix(tr(" s"));
    m_ui->showSecretButton->setText(m_ui->showSecretButton->isChecked() ? tr("H&ide") : tr("Sh&ow"));
    m_ui->generateSecretButton->setToolTip(tr("A new secret; the current one keeps signing alongside it for %1 hours.")
                                               .arg(Endpoint::PreviousSecretHours));
    m_ui->clearSecretButton->setToolTip(tr("Removes the secrets: requests are no longer signed."));
    fillFormatCombo();
    fillTemplateEvents();
    m_ui->templateEdit->setPlaceholderText(MessageTemplate::defaultText(templateEvent()));
    m_filling = true;
    for (int row = 0; row < m_ui->headersTable->rowCount(); ++row) {
        auto* item = m_ui->headersTable->item(row, 1);
        if (item && !item->data(MaskedRole).isNull()) {
            item->setToolTip(tr("Saved value, masked. Type a new value to replace it."));
        }
    }
    m_filling = false;
    updateUrlFeedback();
    updateAutoFormat();
    updateDigest();
    updateStateNotice();
    updateTemplateFeedback();
    updateSecret();
    updatePreview();
}

void EndpointDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QDialog::changeEvent(event);
}

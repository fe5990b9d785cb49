#include "SecuritySettingsWidget.h"

#include "Feedback.h"
#include "storage/Settings.h"
#include "text/TimeFormat.h"
#include "ui_SecuritySettingsWidget.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookConfig.h"

#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QGuiApplication>

namespace {

constexpr int ValueRole = Qt::UserRole;
constexpr int MaskedRole = Qt::UserRole + 1;

// Headers Crochet sets itself; a custom header must not replace them.
} // namespace

SecuritySettingsWidget::SecuritySettingsWidget(Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::SecuritySettingsWidget)
    , m_settings(settings)
    , m_endpoints(new EndpointStore(settings->database(), this))
{
    m_ui->setupUi(this);
    m_ui->headersTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    // As tall as its headers, and at least three rows: the page then fits an 800×600 window without scrolling.
    m_ui->headersTable->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_ui->headersTable->setMinimumHeight(m_ui->headersTable->horizontalHeader()->sizeHint().height()
                                         + m_ui->headersTable->verticalHeader()->defaultSectionSize() * 3
                                         + m_ui->headersTable->frameWidth() * 2);

    connect(m_ui->showSecretButton, &QPushButton::toggled, this, [this](bool shown) {
        m_ui->signingSecretEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        retranslate();
    });
    connect(m_ui->copySecretButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_secret); });
    connect(m_ui->generateSecretButton, &QPushButton::clicked, this, &SecuritySettingsWidget::generateSecret);
    connect(m_ui->clearSecretButton, &QPushButton::clicked, this, &SecuritySettingsWidget::clearSecret);
    connect(m_ui->addHeaderButton, &QPushButton::clicked, this, &SecuritySettingsWidget::addHeader);
    connect(m_ui->removeHeaderButton, &QPushButton::clicked, this, &SecuritySettingsWidget::removeHeader);
    connect(m_ui->headersTable, &QTableWidget::itemChanged, this, &SecuritySettingsWidget::onHeaderChanged);
    connect(m_ui->headersTable, &QTableWidget::itemSelectionChanged, this, &SecuritySettingsWidget::updateButtons);
    connect(m_ui->securitySaveButton, &QPushButton::clicked, this, &SecuritySettingsWidget::saveSettings);
    connect(m_ui->securityRevertButton, &QPushButton::clicked, this, &SecuritySettingsWidget::loadSettings);

    retranslate();
    loadSettings();
}

SecuritySettingsWidget::~SecuritySettingsWidget() = default;

void SecuritySettingsWidget::loadSettings()
{
    m_secret = m_endpoints->main().signingSecret;
    m_ui->signingSecretEdit->setText(m_secret);
    fillHeaders();
    m_headersChanged = false;
    updateSecretStatus();
    updateButtons();
}

void SecuritySettingsWidget::fillHeaders()
{
    const auto headers = m_endpoints->main().headers;
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

bool SecuritySettingsWidget::saveSettings()
{
    if (!headersProblem().isEmpty()) {
        return false;
    }
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
    const bool ok = m_endpoints->update(m_endpoints->main().id, [&headers](Endpoint& endpoint) {
        endpoint.headers = headers;
        return true;
    });
    // Either way the table shows what is stored now.
    fillHeaders();
    m_headersChanged = false;
    updateButtons();
    if (!ok) {
        Feedback::show(m_ui->headersMessageLabel,
                       tr("The headers could not be written to the database; nothing was changed."),
                       Feedback::Kind::Error);
        emit saveFailed();
        return false;
    }
    emit saved();
    return true;
}

void SecuritySettingsWidget::generateSecret()
{
    // The current secret is read in the same transaction that replaces it, so it cannot change in between.
    const bool ok = m_endpoints->update(m_endpoints->main().id, [](Endpoint& endpoint) {
        endpoint.rotateSecret();
        return !endpoint.signingSecret.isEmpty();
    });
    showStoredSecret();
    if (!ok) {
        Feedback::show(m_ui->secretStatusLabel,
                       tr("The secret could not be written to the database; nothing was changed."),
                       Feedback::Kind::Error);
        emit saveFailed();
        return;
    }
    emit saved();
}

void SecuritySettingsWidget::clearSecret()
{
    const bool ok = m_endpoints->update(m_endpoints->main().id, [](Endpoint& endpoint) {
        endpoint.clearSecret();
        return true;
    });
    showStoredSecret();
    if (!ok) {
        Feedback::show(m_ui->secretStatusLabel,
                       tr("The secret could not be removed from the database; nothing was changed."),
                       Feedback::Kind::Error);
        emit saveFailed();
        return;
    }
    emit saved();
}

void SecuritySettingsWidget::showStoredSecret()
{
    m_secret = m_endpoints->main().signingSecret;
    m_ui->signingSecretEdit->setText(m_secret);
    updateSecretStatus();
    updateButtons();
}

void SecuritySettingsWidget::addHeader()
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
    updateButtons();
}

void SecuritySettingsWidget::removeHeader()
{
    auto* table = m_ui->headersTable;
    const int row = table->currentRow();
    if (row < 0) {
        return;
    }
    table->removeRow(row);
    m_headersChanged = true;
    updateButtons();
}

void SecuritySettingsWidget::onHeaderChanged(QTableWidgetItem* item)
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
    updateButtons();
}

QString SecuritySettingsWidget::headersProblem() const
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

void SecuritySettingsWidget::updateSecretStatus()
{
    QString text;
    if (m_secret.isEmpty()) {
        text = tr("Requests are not signed.");
    } else {
        text = tr("Requests are signed with this secret. Give it to the receiver so it can check the signatures.");
        const auto main = m_endpoints->main();
        const auto expiresAt = main.previousSecretExpiresAt;
        if (main.previousSecretSigns()) {
            text += QLatin1Char(' ')
                + tr("The previous secret keeps signing alongside it until %1.").arg(TimeFormat::dateTime(expiresAt));
        }
    }
    Feedback::show(m_ui->secretStatusLabel, text, Feedback::Kind::Info);
}

void SecuritySettingsWidget::updateButtons()
{
    const bool hasSecret = !m_secret.isEmpty();
    m_ui->showSecretButton->setEnabled(hasSecret);
    m_ui->copySecretButton->setEnabled(hasSecret);
    m_ui->clearSecretButton->setEnabled(hasSecret);
    m_ui->removeHeaderButton->setEnabled(m_ui->headersTable->currentRow() >= 0);
    const auto problem = headersProblem();
    if (problem.isEmpty()) {
        Feedback::clear(m_ui->headersMessageLabel);
    } else {
        Feedback::show(m_ui->headersMessageLabel, problem, Feedback::Kind::Error);
    }
    m_ui->securitySaveButton->setEnabled(m_headersChanged && problem.isEmpty());
    m_ui->securityRevertButton->setEnabled(m_headersChanged);
}

void SecuritySettingsWidget::retranslate()
{
    m_ui->showSecretButton->setText(m_ui->showSecretButton->isChecked() ? tr("H&ide") : tr("Sh&ow"));
    m_ui->generateSecretButton->setToolTip(
        tr("Generates and saves a new secret; the current one keeps signing alongside it for 24 hours."));
    m_ui->clearSecretButton->setToolTip(tr("Removes the secrets at once: requests are no longer signed."));
    m_filling = true;
    for (int row = 0; row < m_ui->headersTable->rowCount(); ++row) {
        auto* item = m_ui->headersTable->item(row, 1);
        if (item && !item->data(MaskedRole).isNull()) {
            item->setToolTip(tr("Saved value, masked. Type a new value to replace it."));
        }
    }
    m_filling = false;
    updateSecretStatus();
    updateButtons();
}

void SecuritySettingsWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

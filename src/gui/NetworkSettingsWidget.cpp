#include "NetworkSettingsWidget.h"

#include "Feedback.h"
#include "storage/Settings.h"
#include "ui_NetworkSettingsWidget.h"
#include "webhooks/NetworkOptions.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QUrl>

NetworkSettingsWidget::NetworkSettingsWidget(Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::NetworkSettingsWidget)
    , m_settings(settings)
{
    m_ui->setupUi(this);
    fillPolicyCombo();

    connect(m_ui->proxyUrlEdit, &QLineEdit::textChanged, this, &NetworkSettingsWidget::updateButtons);
    connect(m_ui->caCertificateEdit, &QLineEdit::textChanged, this, &NetworkSettingsWidget::updateButtons);
    connect(m_ui->allowedHostsEdit, &QLineEdit::textChanged, this, &NetworkSettingsWidget::updateButtons);
    connect(m_ui->hostPolicyCombo, &QComboBox::currentIndexChanged, this, &NetworkSettingsWidget::updateButtons);
    connect(m_ui->caBrowseButton, &QPushButton::clicked, this, &NetworkSettingsWidget::browseCertificate);
    connect(m_ui->networkSaveButton, &QPushButton::clicked, this, &NetworkSettingsWidget::saveSettings);
    connect(m_ui->networkRevertButton, &QPushButton::clicked, this, &NetworkSettingsWidget::loadSettings);

    loadSettings();
}

NetworkSettingsWidget::~NetworkSettingsWidget() = default;

void NetworkSettingsWidget::loadSettings()
{
    m_savedProxy = m_settings->string(Settings::Key::ProxyUrl);
    m_savedCertificate = m_settings->string(Settings::Key::CaCertificateFile);
    m_savedPolicy = m_settings->string(Settings::Key::HostPolicy);
    m_savedHosts =
        NetworkOptions::splitHosts(m_settings->string(Settings::Key::AllowedHosts)).join(QStringLiteral(", "));
    m_ui->proxyUrlEdit->setText(m_savedProxy);
    m_ui->caCertificateEdit->setText(m_savedCertificate);
    const auto index = m_ui->hostPolicyCombo->findData(m_savedPolicy);
    m_ui->hostPolicyCombo->setCurrentIndex(qMax(0, index));
    m_ui->allowedHostsEdit->setText(m_savedHosts);
    updateButtons();
}

bool NetworkSettingsWidget::saveSettings()
{
    if (!validate()) {
        return false;
    }
    const auto proxy = m_ui->proxyUrlEdit->text().trimmed();
    const auto certificate = m_ui->caCertificateEdit->text().trimmed();
    const auto hosts = NetworkOptions::splitHosts(m_ui->allowedHostsEdit->text());
    const bool ok = m_settings->apply(Settings::Batch()
                                          .set(Settings::Key::ProxyUrl, proxy)
                                          .set(Settings::Key::CaCertificateFile, certificate)
                                          .set(Settings::Key::HostPolicy, policy())
                                          .set(Settings::Key::AllowedHosts, hosts.join(QLatin1Char(','))));
    // Either way the page shows what is stored now.
    loadSettings();
    if (!ok) {
        Feedback::show(m_ui->hostsMessageLabel,
                       tr("The settings could not be written to the database; nothing was changed."),
                       Feedback::Kind::Error);
        emit saveFailed();
        return false;
    }
    emit saved();
    return true;
}

bool NetworkSettingsWidget::hasUnsavedChanges() const
{
    return m_ui->proxyUrlEdit->text().trimmed() != m_savedProxy
        || m_ui->caCertificateEdit->text().trimmed() != m_savedCertificate || policy() != m_savedPolicy
        || NetworkOptions::splitHosts(m_ui->allowedHostsEdit->text()).join(QStringLiteral(", ")) != m_savedHosts;
}

void NetworkSettingsWidget::browseCertificate()
{
    const auto current = m_ui->caCertificateEdit->text().trimmed();
    const auto path =
        QFileDialog::getOpenFileName(this, tr("Trust a CA certificate"), QFileInfo(current).absolutePath(),
                                     tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!path.isEmpty()) {
        m_ui->caCertificateEdit->setText(path);
    }
}

void NetworkSettingsWidget::fillPolicyCombo()
{
    auto* combo = m_ui->hostPolicyCombo;
    const auto selected = combo->currentData();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(tr("Any host"), QStringLiteral("any"));
    combo->addItem(tr("Public addresses only"), QStringLiteral("public"));
    combo->addItem(tr("Only the hosts listed below"), QStringLiteral("list"));
    combo->setCurrentIndex(qMax(0, combo->findData(selected)));
}

QString NetworkSettingsWidget::policy() const
{
    const auto key = m_ui->hostPolicyCombo->currentData().toString();
    return key.isEmpty() ? QStringLiteral("any") : key;
}

bool NetworkSettingsWidget::validate()
{
    bool valid = true;

    const auto proxy = m_ui->proxyUrlEdit->text().trimmed();
    if (proxy.isEmpty()) {
        Feedback::show(m_ui->proxyMessageLabel, tr("The system's proxy settings are used."), Feedback::Kind::Info);
    } else {
        const auto problem = NetworkOptions::validateProxyUrl(proxy);
        if (problem.isEmpty()) {
            Feedback::clear(m_ui->proxyMessageLabel);
        } else {
            Feedback::show(m_ui->proxyMessageLabel, problem, Feedback::Kind::Error);
            valid = false;
        }
    }

    const auto certificate = m_ui->caCertificateEdit->text().trimmed();
    if (certificate.isEmpty()) {
        Feedback::clear(m_ui->caMessageLabel);
    } else if (const auto problem = NetworkOptions::validateCaCertificateFile(certificate); !problem.isEmpty()) {
        Feedback::show(m_ui->caMessageLabel, problem, Feedback::Kind::Error);
        valid = false;
    } else {
        const auto count = QSslCertificate::fromPath(certificate, QSsl::Pem).size();
        Feedback::show(m_ui->caMessageLabel, tr("Certificates this file adds to the trusted ones: %1.").arg(count),
                       Feedback::Kind::Info);
    }

    const bool listed = policy() == QLatin1String("list");
    m_ui->allowedHostsEdit->setEnabled(listed);
    m_ui->allowedHostsLabel->setEnabled(listed);
    const auto hosts = NetworkOptions::splitHosts(m_ui->allowedHostsEdit->text());
    if (policy() == QLatin1String("public")) {
        Feedback::show(m_ui->hostsMessageLabel,
                       tr("Addresses are checked after name resolution: loopback, private and link-local addresses "
                          "are refused."),
                       Feedback::Kind::Info);
    } else if (!listed) {
        Feedback::clear(m_ui->hostsMessageLabel);
    } else if (hosts.isEmpty()) {
        Feedback::show(m_ui->hostsMessageLabel, tr("List at least one host or address range."), Feedback::Kind::Error);
        valid = false;
    } else if (const auto problem = NetworkOptions::validateAllowedHosts(hosts); !problem.isEmpty()) {
        Feedback::show(m_ui->hostsMessageLabel, problem, Feedback::Kind::Error);
        valid = false;
    } else {
        Feedback::clear(m_ui->hostsMessageLabel);
    }
    return valid;
}

void NetworkSettingsWidget::updateButtons()
{
    const bool valid = validate();
    const bool dirty = hasUnsavedChanges();
    m_ui->networkSaveButton->setEnabled(valid && dirty);
    m_ui->networkRevertButton->setEnabled(dirty);
}

void NetworkSettingsWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillPolicyCombo();
        updateButtons();
    }
    QWidget::changeEvent(event);
}

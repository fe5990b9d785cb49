#include "SettingsPage.h"

#include "GeneralSettingsWidget.h"
#include "NetworkSettingsWidget.h"
#include "WebhooksSettingsWidget.h"
#include "storage/DatabaseListener.h"
#include "storage/Settings.h"
#include "storage/SqlDialect.h"
#include "ui_SettingsPage.h"
#include "webhooks/Endpoint.h"

#include <QEvent>
#include <QScrollArea>

SettingsPage::SettingsPage(Database* database, DeliveryService* deliveries, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::SettingsPage)
    , m_settings(new Settings(database, this))
    , m_endpoints(new EndpointStore(database, this))
    , m_general(new GeneralSettingsWidget(m_settings, m_endpoints))
    , m_webhooks(new WebhooksSettingsWidget(m_settings, m_endpoints, deliveries))
    , m_network(new NetworkSettingsWidget(m_settings))
{
    m_ui->setupUi(this);
    addPage(m_ui->generalTab, m_general);
    addPage(m_ui->webhooksTab, m_webhooks);
    addPage(m_ui->networkTab, m_network);
    // On PostgreSQL, an endpoint or a network setting changed on another desktop shows here at once (pages keep edits
    // not yet saved).
    auto* listener = new DatabaseListener(database, { QLatin1String(SqlDialect::SettingsChannel) }, this);
    connect(listener, &DatabaseListener::notified, m_endpoints, &EndpointStore::changed);
    connect(listener, &DatabaseListener::notified, this, [this] {
        if (!m_network->hasUnsavedChanges()) {
            m_network->loadSettings();
        }
    });
    connect(m_general, &GeneralSettingsWidget::saved, this, &SettingsPage::saved);
    connect(m_webhooks, &WebhooksSettingsWidget::saved, this, &SettingsPage::saved);
    connect(m_network, &NetworkSettingsWidget::saved, this, &SettingsPage::saved);
    connect(m_general, &GeneralSettingsWidget::saveFailed, this, &SettingsPage::saveFailed);
    connect(m_webhooks, &WebhooksSettingsWidget::saveFailed, this, &SettingsPage::saveFailed);
    connect(m_network, &NetworkSettingsWidget::saveFailed, this, &SettingsPage::saveFailed);
}

SettingsPage::~SettingsPage() = default;

bool SettingsPage::hasUnsavedChanges() const
{
    // The Webhooks page saves in its editor, at once.
    return m_general->hasUnsavedChanges() || m_network->hasUnsavedChanges();
}

void SettingsPage::showGeneral()
{
    m_ui->settingsTabs->setCurrentWidget(m_ui->generalTab);
}

void SettingsPage::showWebhooks()
{
    m_ui->settingsTabs->setCurrentWidget(m_ui->webhooksTab);
}

void SettingsPage::addPage(QWidget* tab, QWidget* page)
{
    // Scrolls rather than clips when the window is small or the scale large.
    auto* scroll = new QScrollArea(tab);
    scroll->setObjectName(page->objectName() + QStringLiteral("Scroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    tab->layout()->addWidget(scroll);
}

void SettingsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
    }
    QWidget::changeEvent(event);
}

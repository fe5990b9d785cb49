#include "UsersPage.h"

#include "Feedback.h"
#include "ImportPanel.h"
#include "UserActions.h"
#include "UserForm.h"
#include "UserListWidget.h"
#include "UsersModel.h"
#include "storage/Database.h"
#include "ui_UsersPage.h"
#include "webhooks/Endpoint.h"

#include <QAction>
#include <QEvent>
#include <QShortcut>
#include <QShowEvent>
#include <QTableView>

UsersPage::UsersPage(Database* database, DeliveryService* deliveries, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::UsersPage)
    , m_database(database)
{
    m_ui->setupUi(this);
    // Created in tab order: the list, the import under it, then the form beside them.
    m_list = new UserListWidget(database, m_ui->listPanel);
    m_import = new ImportPanel(database, deliveries, m_ui->listPanel);
    m_form = new UserForm(database, deliveries);
    m_ui->listLayout->addWidget(m_list, 1);
    m_ui->listLayout->addWidget(m_import);
    m_ui->usersSplitter->addWidget(m_form);
    // Proportions only: the splitter scales them to the space it has.
    m_ui->usersSplitter->setSizes({ 3000, 2000 });
    m_ui->usersSplitter->setStretchFactor(0, 3);
    m_ui->usersSplitter->setStretchFactor(1, 2);
    updateWebhookNotice();

    // Edit, reset the password, disable, enable and delete the selected accounts: in the list's context menu and
    // toolbar, their shortcuts (F2, Delete) active while the list has the focus.
    m_actions = new UserActions(database, deliveries, this, this);
    m_showDeliveries = new QAction(this);
    m_showDeliveries->setObjectName(QStringLiteral("showDeliveriesAction"));
    auto actions = m_actions->actions();
    actions.append(m_showDeliveries);
    for (auto* action : std::as_const(actions)) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    m_list->addActions(actions);
    const auto updateSelection = [this] {
        const auto users = m_list->selectedUsers();
        m_actions->setSelection(users);
        m_showDeliveries->setEnabled(users.size() == 1);
    };
    connect(m_list, &UserListWidget::selectionChanged, this, updateSelection);
    updateSelection();
    connect(m_actions, &UserActions::changed, this, [this, updateSelection](const QString& summary) {
        m_list->refresh();
        updateSelection();
        emit statusMessage(summary);
    });
    connect(m_actions, &UserActions::failed, this, &UsersPage::statusMessage);
    connect(m_showDeliveries, &QAction::triggered, this, [this] {
        const auto users = m_list->selectedUsers();
        if (users.size() == 1) {
            emit deliveriesRequested(users.constFirst().email);
        }
    });
    retranslate();

    connect(m_ui->webhookSettingsButton, &QPushButton::clicked, this, &UsersPage::webhookSettingsRequested);
    connect(m_form, &UserForm::webhookSettingsRequested, this, &UsersPage::webhookSettingsRequested);
    connect(m_form, &UserForm::userCreated, this, [this](const UserStore::Created& created) {
        if (created.ok) {
            m_list->refresh();
            if (m_list->model()->rowCount() > 0) {
                m_list->view()->scrollToTop();
            }
        }
        emit userCreated(created);
    });
    connect(m_import, &ImportPanel::importFinished, this, [this](const UserImporter::Summary& summary) {
        m_list->refresh();
        emit importFinished(summary);
    });
    // Escape stops the import when the list side has the focus (the form's own Escape empties it).
    new QShortcut(QKeySequence::Cancel, m_ui->listPanel, this, &UsersPage::cancelImport,
                  Qt::WidgetWithChildrenShortcut);
}

UsersPage::~UsersPage() = default;

UsersModel* UsersPage::model() const
{
    return m_list->model();
}

bool UsersPage::isCreating() const
{
    return m_form->isCreating();
}

bool UsersPage::isImporting() const
{
    return m_import->isImporting();
}

void UsersPage::createUser()
{
    m_form->createUser();
}

void UsersPage::clearForm()
{
    m_form->clearForm();
}

bool UsersPage::importFile(const QString& path)
{
    return m_import->importFile(path);
}

void UsersPage::cancelImport()
{
    m_import->cancelImport();
}

void UsersPage::closeImportReport()
{
    m_import->closeImportReport();
}

void UsersPage::refresh()
{
    m_list->refresh();
}

bool UsersPage::webhookConfigured() const
{
    return !EndpointStore::subscribers(m_database->connection(), Event::UserCreated).isEmpty();
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

void UsersPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
        updateWebhookNotice();
    }
    QWidget::changeEvent(event);
}

void UsersPage::retranslate()
{
    //: Users list, context menu: the Deliveries tab filtered on the selected account
    m_showDeliveries->setText(tr("Show its deliveries"));
    m_showDeliveries->setToolTip(tr("Show the notifications of the selected account in the Deliveries tab."));
}

#pragma once

#include "users/UserImporter.h"
#include "users/UserStore.h"

#include <QWidget>

#include <memory>

class Database;
class DeliveryService;
class ImportPanel;
class UserForm;
class QAction;
class UserActions;
class UserListWidget;
class UsersModel;

namespace Ui {
class UsersPage;
}

// The Users tab: the accounts (UserListWidget) with the CSV import under them (ImportPanel), the creation form
// (UserForm) beside them, and a notice while no webhook is told of new accounts.
class UsersPage : public QWidget
{
    Q_OBJECT

public:
    // deliveries may be null: notifications are then recorded for whichever process delivers next.
    UsersPage(Database* database, DeliveryService* deliveries, QWidget* parent = nullptr);
    ~UsersPage() override;

    UserListWidget* userList() const { return m_list; }
    UserActions* userActions() const { return m_actions; }
    UserForm* userForm() const { return m_form; }
    ImportPanel* importPanel() const { return m_import; }
    UsersModel* model() const;
    bool isCreating() const;
    bool isImporting() const;

public slots:
    // Validates the form and, when it is acceptable, creates the account in the background.
    void createUser();
    void clearForm();
    // Imports the accounts of a CSV file (what "Import CSV…" does once a file is chosen). Returns false when an
    // import is already running.
    bool importFile(const QString& path);
    void cancelImport();
    // Hides the result of the last import.
    void closeImportReport();
    void refresh();
    // Shows or hides the notice that no webhook is configured, after the settings may have changed.
    void updateWebhookNotice();

signals:
    void userCreated(const UserStore::Created& created);
    void importFinished(const UserImporter::Summary& summary);
    // The user asked for the webhook settings (Settings → General).
    void webhookSettingsRequested();
    // The user asked for the notifications of an account (its email), from the list's menu.
    void deliveriesRequested(const QString& account);
    // A short report for the window's status bar: what an account action did, or why it could not.
    void statusMessage(const QString& text);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    bool webhookConfigured() const;
    void retranslate();

    const std::unique_ptr<Ui::UsersPage> m_ui;
    Database* m_database;
    UserListWidget* m_list;
    ImportPanel* m_import;
    UserForm* m_form;
    UserActions* m_actions;
    QAction* m_showDeliveries;
};

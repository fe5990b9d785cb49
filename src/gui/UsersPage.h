#pragma once

#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryWorker.h"
#include "users/UserImporter.h"
#include "users/UserRules.h"
#include "users/UserStore.h"

#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include <memory>
#include <optional>

class Database;
class DeliveryService;
class QLabel;
class QLineEdit;
class UsersModel;

namespace Ui {
class UsersPage;
}

// The Users tab: the accounts, the creation form with the delivery result of its notification, and CSV import.
// Hashing, writing and importing run off the GUI thread.
class UsersPage : public QWidget
{
    Q_OBJECT

public:
    // deliveries may be null: notifications are then recorded for whichever process delivers next.
    UsersPage(Database* database, DeliveryService* deliveries, QWidget* parent = nullptr);
    ~UsersPage() override;

    UsersModel* model() const { return m_model; }
    bool isCreating() const { return m_creation.isRunning(); }
    bool isImporting() const { return m_importer->isRunning(); }

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

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    struct CreationResult
    {
        enum class Stage
        {
            None,
            Creating,
            Created,
            Failed,
        };
        Stage stage = Stage::None;
        QString name;
        QString error;
        // One for each endpoint notified of the new account.
        struct Sent
        {
            QString notificationId;
            QString endpoint;
            std::optional<AttemptReport> report;
            // Why it waits, when nothing will be sent for now (its endpoint is disabled, or answered 410).
            QString holdReason;
        };
        QList<Sent> notifications;
    };

    NewUser formUser() const;
    QLabel* errorLabel(UserRules::Field field) const;
    QLineEdit* fieldEdit(UserRules::Field field) const;
    bool showProblems(const QList<UserRules::Problem>& problems, bool moveFocus = true);
    void clearProblem(UserRules::Field field);
    void setFormEnabled(bool enabled);
    void onCreated();
    void onAttemptRecorded(const AttemptReport& report);
    void showCreationResult();
    void chooseImportFile();
    void onImportProgress(int done, int total);
    void onImportFinished(const UserImporter::Summary& summary);
    void showImportSummary();
    void updateImportControls();
    void fillRoleCombo();
    void retranslate();
    bool webhookConfigured() const;

    const std::unique_ptr<Ui::UsersPage> m_ui;
    Database* m_database;
    DeliveryService* m_deliveries;
    UsersModel* m_model;
    UserImporter* m_importer;
    QFutureWatcher<UserStore::Created> m_creation;
    CreationResult m_result;
    // Reports that arrive while an account is being written, in case its notification is delivered before
    // the creation's result reaches this thread.
    QHash<QString, AttemptReport> m_earlyReports;
    bool m_duplicateEmail = false;
    bool m_problemsShown = false;
    std::optional<UserImporter::Summary> m_importSummary;
    bool m_importNotified = false;
};

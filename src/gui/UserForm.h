#pragma once

#include "outbox/DeliveryWorker.h"
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

namespace Ui {
class UserForm;
}

// The creation form of the Users page and the delivery result of the new account's notifications. The password is
// hashed and the account written on the thread pool.
class UserForm : public QWidget
{
    Q_OBJECT

public:
    // deliveries may be null: notifications are then recorded for whichever process delivers next.
    UserForm(Database* database, DeliveryService* deliveries, QWidget* parent = nullptr);
    ~UserForm() override;

    bool isCreating() const { return m_creation.isRunning(); }

    // Validates the form and, when it is acceptable, creates the account in the background.
    void createUser();
    void clearForm();

signals:
    void userCreated(const UserStore::Created& created);
    // The user asked for the webhook settings (Settings → General).
    void webhookSettingsRequested();

protected:
    void changeEvent(QEvent* event) override;

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
    void fillRoleCombo();
    void retranslate();

    const std::unique_ptr<Ui::UserForm> m_ui;
    Database* m_database;
    DeliveryService* m_deliveries;
    QFutureWatcher<UserStore::Created> m_creation;
    CreationResult m_result;
    // Reports that arrive while an account is being written, in case its notification is delivered before
    // the creation's result reaches this thread.
    QHash<QString, AttemptReport> m_earlyReports;
    bool m_duplicateEmail = false;
    bool m_problemsShown = false;
};

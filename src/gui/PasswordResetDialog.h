#pragma once

#include "users/UserRules.h"
#include "users/UserStore.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class Database;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

// Sets a new password for an account: the password twice, checked by the creation form's rules. Argon2id runs off the
// GUI thread with a busy state; closing the dialog meanwhile cancels the reset (nothing is written after the hashing).
class PasswordResetDialog final : public QDialog
{
    Q_OBJECT

public:
    PasswordResetDialog(Database* database, const UserRecord& user, QWidget* parent = nullptr);
    ~PasswordResetDialog() override;

    bool isBusy() const { return m_saving.isRunning(); }

public slots:
    void save();
    void reject() override;

signals:
    void saved(const UserStore::Changed& changed);

private:
    void onSaved();
    void showProblems(const QList<UserRules::Problem>& problems);
    void setBusy(bool busy);

    Database* m_database;
    UserRecord m_user;
    QLineEdit* m_passwordEdit;
    QLineEdit* m_confirmEdit;
    QLabel* m_passwordErrorLabel;
    QLabel* m_confirmErrorLabel;
    QLabel* m_resultLabel;
    QProgressBar* m_busyBar;
    QDialogButtonBox* m_buttons;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    QFutureWatcher<UserStore::Changed> m_saving;
};

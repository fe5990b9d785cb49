#pragma once

#include "users/UserRules.h"
#include "users/UserStore.h"

#include <QDialog>
#include <QFutureWatcher>

class Database;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Edits an account's name, email address and role, with the creation form's messages under the fields. Saving runs
// off the GUI thread; saved() reports the change (with its notifications) before the dialog closes.
class UserEditDialog final : public QDialog
{
    Q_OBJECT

public:
    UserEditDialog(Database* database, const UserRecord& user, QWidget* parent = nullptr);

    bool isSaving() const { return m_saving.isRunning(); }

public slots:
    void save();

signals:
    void saved(const UserStore::Changed& changed);

private:
    void onSaved();
    UserChanges changes() const;
    void showProblems(const QList<UserRules::Problem>& problems);
    void setBusy(bool busy);

    Database* m_database;
    UserRecord m_user;
    QLineEdit* m_nameEdit;
    QLineEdit* m_emailEdit;
    QComboBox* m_roleCombo;
    QLabel* m_nameErrorLabel;
    QLabel* m_emailErrorLabel;
    QLabel* m_roleErrorLabel;
    QLabel* m_resultLabel;
    QDialogButtonBox* m_buttons;
    QFutureWatcher<UserStore::Changed> m_saving;
};

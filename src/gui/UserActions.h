#pragma once

#include "users/User.h"
#include "users/UserStore.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class Database;
class DeliveryService;
class QAction;
class QWidget;

// What can be done to the accounts selected in a list: Edit… (F2), Reset password…, Disable, Enable and Delete…
// (the Delete key, after a confirmation). Disable, Enable and Delete apply to several accounts at once. Every change
// runs off the GUI thread and writes its notifications in its transaction; changed() then says what was done, for the
// status bar and to refresh the list.
class UserActions final : public QObject
{
    Q_OBJECT

public:
    // Dialogs open over dialogParent. deliveries may be null: notifications then wait for whichever process delivers
    // next.
    UserActions(Database* database, DeliveryService* deliveries, QWidget* dialogParent, QObject* parent = nullptr);

    QAction* editAction() const { return m_edit; }
    QAction* resetPasswordAction() const { return m_resetPassword; }
    QAction* disableAction() const { return m_disable; }
    QAction* enableAction() const { return m_enable; }
    QAction* deleteAction() const { return m_delete; }
    // In menu order.
    QList<QAction*> actions() const;

    // The accounts the actions apply to; enables what applies to them.
    void setSelection(const QList<UserRecord>& users);
    QList<UserRecord> selection() const { return m_selection; }
    bool isBusy() const { return m_running.isRunning(); }

public slots:
    void edit();
    void resetPassword();
    void disable();
    void enable();
    // Asks first; the answer deletes the selected accounts.
    void remove();

signals:
    // After each change that was saved: one translated sentence ("Account disabled: Ada <ada@example.org>").
    void changed(const QString& summary);
    // A change that was refused or could not be saved, with the reason.
    void failed(const QString& message);

private:
    void retranslate();
    void updateActions();
    using Change = std::function<UserStore::Changed(UserStore& store, const QString& id)>;
    QStringList selectedIds(const std::function<bool(const UserRecord&)>& applies) const;
    // Runs change on each account, off the GUI thread.
    void run(const QStringList& ids, const Change& change);
    void onFinished();
    void onDialogClosed();
    // Reports saved changes and wakes the delivery of their notifications.
    void report(const QList<UserStore::Changed>& results);
    static QString summary(const UserStore::Changed& changed);
    bool eventFilter(QObject* watched, QEvent* event) override;

    Database* m_database;
    DeliveryService* m_deliveries;
    QWidget* m_dialogParent;
    QAction* m_edit;
    QAction* m_resetPassword;
    QAction* m_disable;
    QAction* m_enable;
    QAction* m_delete;
    QList<UserRecord> m_selection;
    QPointer<QWidget> m_dialog; // the dialog or confirmation open, at most one
    QFutureWatcher<QList<UserStore::Changed>> m_running;
};

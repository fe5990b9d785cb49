#include "UserActions.h"

#include "PasswordResetDialog.h"
#include "UserEditDialog.h"
#include "outbox/DeliveryService.h"
#include "text/SafeText.h"

#include <QAction>
#include <QDialog>
#include <QEvent>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>
#include <QtConcurrent>

namespace {

QString accountText(const UserRecord& user)
{
    return UserActions::tr("%1 <%2>").arg(SafeText::printable(user.name), SafeText::printable(user.email));
}

} // namespace

UserActions::UserActions(Database* database, DeliveryService* deliveries, QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_deliveries(deliveries)
    , m_dialogParent(dialogParent)
    , m_edit(new QAction(this))
    , m_resetPassword(new QAction(this))
    , m_disable(new QAction(this))
    , m_enable(new QAction(this))
    , m_delete(new QAction(this))
{
    m_edit->setObjectName(QStringLiteral("editUserAction"));
    m_resetPassword->setObjectName(QStringLiteral("resetPasswordAction"));
    m_disable->setObjectName(QStringLiteral("disableUserAction"));
    m_enable->setObjectName(QStringLiteral("enableUserAction"));
    m_delete->setObjectName(QStringLiteral("deleteUserAction"));
    m_edit->setShortcut(QKeySequence(Qt::Key_F2));
    m_delete->setShortcut(QKeySequence::Delete);
    m_edit->setIcon(QIcon::fromTheme(QStringLiteral("document-edit")));
    m_delete->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    connect(m_edit, &QAction::triggered, this, &UserActions::edit);
    connect(m_resetPassword, &QAction::triggered, this, &UserActions::resetPassword);
    connect(m_disable, &QAction::triggered, this, &UserActions::disable);
    connect(m_enable, &QAction::triggered, this, &UserActions::enable);
    connect(m_delete, &QAction::triggered, this, &UserActions::remove);
    connect(&m_running, &QFutureWatcher<QList<UserStore::Changed>>::finished, this, &UserActions::onFinished);
    if (m_dialogParent) {
        m_dialogParent->installEventFilter(this);
    }
    retranslate();
    updateActions();
}

QList<QAction*> UserActions::actions() const
{
    return { m_edit, m_resetPassword, m_disable, m_enable, m_delete };
}

bool UserActions::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_dialogParent && event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    return QObject::eventFilter(watched, event);
}

void UserActions::retranslate()
{
    m_edit->setText(tr("&Edit…"));
    m_edit->setToolTip(tr("Change the account's name, email address or role (F2)"));
    m_resetPassword->setText(tr("&Reset password…"));
    m_resetPassword->setToolTip(tr("Give the account a new password"));
    m_disable->setText(tr("&Disable"));
    m_disable->setToolTip(tr("Disable the selected accounts; they are kept"));
    m_enable->setText(tr("E&nable"));
    m_enable->setToolTip(tr("Enable the selected accounts again"));
    m_delete->setText(tr("De&lete…"));
    m_delete->setToolTip(tr("Delete the selected accounts, after a confirmation (Delete)"));
}

void UserActions::setSelection(const QList<UserRecord>& users)
{
    m_selection = users;
    updateActions();
}

void UserActions::updateActions()
{
    const bool idle = !m_running.isRunning() && !m_dialog;
    const bool one = m_selection.size() == 1;
    const bool anyEnabled =
        std::any_of(m_selection.cbegin(), m_selection.cend(), [](const UserRecord& user) { return !user.disabled; });
    const bool anyDisabled =
        std::any_of(m_selection.cbegin(), m_selection.cend(), [](const UserRecord& user) { return user.disabled; });
    m_edit->setEnabled(idle && one);
    m_resetPassword->setEnabled(idle && one);
    m_disable->setEnabled(idle && anyEnabled);
    m_enable->setEnabled(idle && anyDisabled);
    m_delete->setEnabled(idle && !m_selection.isEmpty());
}

void UserActions::edit()
{
    if (m_selection.size() != 1 || m_running.isRunning() || m_dialog) {
        return;
    }
    auto* dialog = new UserEditDialog(m_database, m_selection.constFirst(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserEditDialog::saved, this, [this](const UserStore::Changed& changed) { report({ changed }); });
    connect(dialog, &QDialog::finished, this, &UserActions::onDialogClosed);
    m_dialog = dialog;
    updateActions();
    dialog->open();
}

void UserActions::resetPassword()
{
    if (m_selection.size() != 1 || m_running.isRunning() || m_dialog) {
        return;
    }
    auto* dialog = new PasswordResetDialog(m_database, m_selection.constFirst(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PasswordResetDialog::saved, this,
            [this](const UserStore::Changed& changed) { report({ changed }); });
    connect(dialog, &QDialog::finished, this, &UserActions::onDialogClosed);
    m_dialog = dialog;
    updateActions();
    dialog->open();
}

void UserActions::onDialogClosed()
{
    m_dialog.clear();
    updateActions();
}

void UserActions::disable()
{
    run(selectedIds([](const UserRecord& user) { return !user.disabled; }),
        [](UserStore& store, const QString& id) { return store.setDisabled(id, true); });
}

void UserActions::enable()
{
    run(selectedIds([](const UserRecord& user) { return user.disabled; }),
        [](UserStore& store, const QString& id) { return store.setDisabled(id, false); });
}

void UserActions::remove()
{
    if (m_selection.isEmpty() || m_running.isRunning() || m_dialog) {
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, QString(), QString(), QMessageBox::NoButton, m_dialogParent);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    const auto count = int(m_selection.size());
    box->setWindowTitle(tr("Delete accounts", nullptr, count));
    if (count == 1) {
        box->setText(tr("Delete the account %1?").arg(accountText(m_selection.constFirst())));
    } else {
        box->setText(tr("Delete these %n accounts?", nullptr, count));
    }
    box->setInformativeText(tr("This cannot be undone. The endpoints subscribed to \"Account deleted\" are notified."));
    auto* confirm = box->addButton(tr("Delete", nullptr, count), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmDeleteButton"));
    box->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancelDeleteButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    // What was confirmed is what is deleted, whatever the selection becomes meanwhile.
    const auto ids = selectedIds([](const UserRecord&) { return true; });
    connect(box, &QMessageBox::buttonClicked, this, [this, confirm, ids](QAbstractButton* button) {
        if (button == confirm) {
            QMetaObject::invokeMethod(
                this, [this, ids] { run(ids, [](UserStore& store, const QString& id) { return store.remove(id); }); },
                Qt::QueuedConnection);
        }
    });
    connect(box, &QDialog::finished, this, &UserActions::onDialogClosed);
    m_dialog = box;
    updateActions();
    box->open();
}

QStringList UserActions::selectedIds(const std::function<bool(const UserRecord&)>& applies) const
{
    QStringList ids;
    for (const auto& user : std::as_const(m_selection)) {
        if (applies(user)) {
            ids << user.id;
        }
    }
    return ids;
}

void UserActions::run(const QStringList& ids, const Change& change)
{
    if (ids.isEmpty() || m_running.isRunning()) {
        return;
    }
    // Each account in its own transaction with its notifications: one that fails leaves the others done.
    m_running.setFuture(QtConcurrent::run([database = m_database, ids, change] {
        UserStore store(database);
        QList<UserStore::Changed> results;
        for (const auto& id : ids) {
            results.append(change(store, id));
        }
        return results;
    }));
    updateActions();
}

void UserActions::onFinished()
{
    report(m_running.result());
    updateActions();
}

void UserActions::report(const QList<UserStore::Changed>& results)
{
    QStringList failures;
    QList<const UserStore::Changed*> saved;
    bool notified = false;
    for (const auto& changed : results) {
        if (changed.ok || changed.unchanged) {
            saved.append(&changed);
            notified = notified || !changed.notifications.isEmpty();
        } else {
            failures << tr("%1: %2").arg(accountText(changed.user), changed.error);
        }
    }
    if (m_deliveries && notified) {
        m_deliveries->wake();
    }
    if (saved.size() == 1) {
        emit changed(summary(*saved.constFirst()));
    } else if (!saved.isEmpty()) {
        const auto count = int(saved.size());
        switch (saved.constFirst()->event) {
        case Event::UserDisabled:
            emit changed(tr("%n accounts disabled.", nullptr, count));
            break;
        case Event::UserEnabled:
            emit changed(tr("%n accounts enabled.", nullptr, count));
            break;
        default:
            emit changed(tr("%n accounts deleted.", nullptr, count));
            break;
        }
    }
    if (!failures.isEmpty()) {
        emit failed(failures.join(QLatin1Char('\n')));
    }
}

QString UserActions::summary(const UserStore::Changed& changed)
{
    const auto who = accountText(changed.user);
    if (changed.unchanged) {
        return tr("Nothing to change for %1.").arg(who);
    }
    switch (changed.event) {
    case Event::UserUpdated:
        //: %1 the account, %2 its changes ("name: Ada → Ada L., role: User → Administrator")
        return tr("Account updated: %1; %2")
            .arg(who,
                 SafeText::printable(
                     Notification::forEvent(changed.event, changed.user, changed.changes).changesText()));
    case Event::UserPasswordReset:
        return tr("Password changed: %1").arg(who);
    case Event::UserDisabled:
        return tr("Account disabled: %1").arg(who);
    case Event::UserEnabled:
        return tr("Account enabled: %1").arg(who);
    case Event::UserDeleted:
        return tr("Account deleted: %1").arg(who);
    case Event::UserCreated:
    case Event::WebhookTest:
        break;
    }
    return {};
}

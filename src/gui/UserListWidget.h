#pragma once

#include "users/User.h"

#include <QList>
#include <QWidget>

#include <memory>

class Database;
class QAction;
class QTableView;
class QTimer;
class UsersModel;

namespace Ui {
class UserListWidget;
}

// The accounts of the Users page: a search field that filters as one types, columns sorted by a click on their header
// (in SQL), the total and found counts, several rows selectable, and a context menu and a toolbar for the actions
// that others add (addActions). Rows are read a page at a time (UsersModel).
class UserListWidget : public QWidget
{
    Q_OBJECT

public:
    explicit UserListWidget(Database* database, QWidget* parent = nullptr);
    ~UserListWidget() override;

    QTableView* view() const;
    UsersModel* model() const { return m_model; }
    // The selected accounts, in the order shown.
    QList<UserRecord> selectedUsers() const;
    // Puts actions in the list's context menu and its toolbar.
    void addActions(const QList<QAction*>& actions);
    // Reads the accounts again, keeping the search and the order.
    void refresh();

    // How long typing may pause before the search runs.
    static constexpr int SearchDelayMs = 150;

signals:
    // The selection changed, or the rows were read again (which empties it).
    void selectionChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateCountLabel();

    const std::unique_ptr<Ui::UserListWidget> m_ui;
    UsersModel* m_model;
    QTimer* m_searchDelay;
};

#include "PasswordResetDialog.h"

#include "Feedback.h"
#include "text/SafeText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QLabel* messageLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->hide();
    return label;
}

QLineEdit* passwordEdit(const QString& name, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

} // namespace

PasswordResetDialog::PasswordResetDialog(Database* database, const UserRecord& user, QWidget* parent)
    : QDialog(parent)
    , m_database(database)
    , m_user(user)
    , m_passwordEdit(passwordEdit(QStringLiteral("passwordEdit"), this))
    , m_confirmEdit(passwordEdit(QStringLiteral("confirmEdit"), this))
    , m_passwordErrorLabel(messageLabel(QStringLiteral("passwordErrorLabel"), this))
    , m_confirmErrorLabel(messageLabel(QStringLiteral("confirmErrorLabel"), this))
    , m_resultLabel(messageLabel(QStringLiteral("resultLabel"), this))
    , m_busyBar(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("passwordResetDialog"));
    //: Title of the dialog that sets a new password; %1 is the account's name
    setWindowTitle(tr("New password for %1").arg(SafeText::printable(user.name)));
    m_busyBar->setObjectName(QStringLiteral("busyBar"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->hide();
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));

    auto* intro = new QLabel(tr("The account %1 <%2> gets a new password. The endpoints subscribed to \"Password "
                                "reset\" are notified, without the password.")
                                 .arg(SafeText::printable(user.name), SafeText::printable(user.email)),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    auto* passwordColumn = new QVBoxLayout;
    passwordColumn->addWidget(m_passwordEdit);
    passwordColumn->addWidget(m_passwordErrorLabel);
    form->addRow(tr("&Password:"), passwordColumn);
    auto* confirmColumn = new QVBoxLayout;
    confirmColumn->addWidget(m_confirmEdit);
    confirmColumn->addWidget(m_confirmErrorLabel);
    form->addRow(tr("&Confirm:"), confirmColumn);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_busyBar);
    layout->addWidget(m_resultLabel);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &PasswordResetDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PasswordResetDialog::reject);
    connect(m_passwordEdit, &QLineEdit::textEdited, this, [this] { Feedback::clear(m_passwordErrorLabel); });
    connect(m_confirmEdit, &QLineEdit::textEdited, this, [this] { Feedback::clear(m_confirmErrorLabel); });
    connect(&m_saving, &QFutureWatcher<UserStore::Changed>::finished, this, &PasswordResetDialog::onSaved);
}

PasswordResetDialog::~PasswordResetDialog()
{
    // The hashing may still run: it writes nothing once it sees this.
    if (m_cancelled) {
        m_cancelled->store(true);
    }
}

void PasswordResetDialog::save()
{
    if (m_saving.isRunning()) {
        return;
    }
    Feedback::clear(m_resultLabel);
    const auto problems = UserRules::validatePassword(m_passwordEdit->text(), m_confirmEdit->text());
    showProblems(problems);
    if (!problems.isEmpty()) {
        return;
    }
    setBusy(true);
    m_cancelled = std::make_shared<std::atomic_bool>(false);
    m_saving.setFuture(UserStore(m_database)
                           .resetPasswordAsync(m_user.id, m_passwordEdit->text(), m_confirmEdit->text(), m_cancelled));
}

void PasswordResetDialog::reject()
{
    // Closing while the password is hashed cancels the reset.
    if (m_cancelled) {
        m_cancelled->store(true);
    }
    QDialog::reject();
}

void PasswordResetDialog::onSaved()
{
    const auto changed = m_saving.result();
    setBusy(false);
    if (changed.cancelled) {
        return;
    }
    if (!changed.ok) {
        showProblems(changed.problems);
        if (changed.problems.isEmpty()) {
            Feedback::show(m_resultLabel, changed.error, Feedback::Kind::Error);
        }
        return;
    }
    m_passwordEdit->clear();
    m_confirmEdit->clear();
    emit saved(changed);
    accept();
}

void PasswordResetDialog::showProblems(const QList<UserRules::Problem>& problems)
{
    QStringList password;
    QStringList confirmation;
    for (const auto& problem : problems) {
        (problem.field == UserRules::Field::Confirmation ? confirmation : password) << problem.message;
    }
    Feedback::show(m_passwordErrorLabel, password.join(QLatin1Char('\n')),
                   password.isEmpty() ? Feedback::Kind::None : Feedback::Kind::Error);
    Feedback::show(m_confirmErrorLabel, confirmation.join(QLatin1Char('\n')),
                   confirmation.isEmpty() ? Feedback::Kind::None : Feedback::Kind::Error);
    if (!password.isEmpty()) {
        m_passwordEdit->setFocus();
    } else if (!confirmation.isEmpty()) {
        m_confirmEdit->setFocus();
    }
}

void PasswordResetDialog::setBusy(bool busy)
{
    m_passwordEdit->setEnabled(!busy);
    m_confirmEdit->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
    m_busyBar->setVisible(busy);
    if (busy) {
        Feedback::show(m_resultLabel, tr("Hashing the password…"), Feedback::Kind::Info);
    } else {
        Feedback::clear(m_resultLabel);
    }
}

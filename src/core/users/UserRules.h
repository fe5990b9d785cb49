#pragma once

#include "users/User.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <optional>

// What makes an account acceptable, for the form, the CLI and the CSV import alike.
class UserRules
{
    Q_DECLARE_TR_FUNCTIONS(UserRules)

public:
    enum class Field
    {
        Name,
        Email,
        Role,
        Password,
        Confirmation,
    };

    struct Problem
    {
        Field field;
        QString message; // translated
    };

    static constexpr int MinimumPasswordLength = 8;
    static constexpr int MaximumNameLength = 256;

    // An empty password is accepted only when allowEmptyPassword is set (pending accounts without a password).
    // Names and emails are checked as they are stored: trimmed and in NFC (SafeText::normalized). Invisible and
    // text-direction characters are refused in emails; in names they are kept and neutralised wherever shown or sent.
    static QList<Problem> validate(const NewUser& user, bool allowEmptyPassword = false);
    // An edit of current, by the same rules as creation: the fields it changes, and the role of an account without a
    // password, which stays pending.
    static QList<Problem> validate(const UserChanges& changes, const UserRecord& current);
    // A new password and its confirmation (a password reset), by the same rules as creation.
    static QList<Problem> validatePassword(const QString& password, const QString& confirmation);
    static bool isValidEmail(const QString& email);
    // Why a typed role is refused, naming it (Roles::fromKey found no role in it).
    static QString unknownRoleMessage(const QString& typed);
    // What makes two addresses one account (the UNIQUE email_key column): trimmed, NFC and case-folded.
    static QString emailKey(const QString& email);
    static QString duplicateEmailMessage(const QString& email);
    // What the Users page's search compares with: name and email, trimmed, without case or accents ("Élodie" and
    // "elodie" are one), as stored in the search_key column.
    static QString searchKey(const QString& name, const QString& email);
    // The same folding for what is typed in the search field.
    static QString searchFold(const QString& text);

private:
    static std::optional<QString> nameProblem(const QString& name);
    static std::optional<QString> emailProblem(const QString& email);
    static QString withoutPasswordMessage();
};

#pragma once

#include "users/User.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

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
    static bool isValidEmail(const QString& email);
    static QStringList roles();
    // The role a typed value names, whoever typed it (form, --role, CSV): surrounding spaces and case are ignored
    // ("Admin " is admin). A value that names no role comes back trimmed, for validate() to refuse.
    static QString canonicalRole(const QString& role);
    static QString roleDisplayName(const QString& role);
    // What makes two addresses one account (the UNIQUE email_key column): trimmed, NFC and case-folded.
    static QString emailKey(const QString& email);
    static QString duplicateEmailMessage(const QString& email);
    // What the Users page's search compares with: name and email, trimmed, without case or accents ("Élodie" and
    // "elodie" are one), as stored in the search_key column.
    static QString searchKey(const QString& name, const QString& email);
    // The same folding for what is typed in the search field.
    static QString searchFold(const QString& text);
};

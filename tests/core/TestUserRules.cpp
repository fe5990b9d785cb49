#include "users/UserRules.h"

#include <QTest>

namespace {

NewUser valid()
{
    NewUser user;
    user.name = QStringLiteral("Ada Lovelace");
    user.email = QStringLiteral("ada@example.com");
    user.role = Role::User;
    user.password = QStringLiteral("correct horse");
    user.confirmation = user.password;
    return user;
}

} // namespace

class TestUserRules : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void emails_data();
    void emails();
    void emailKeyIsCaseInsensitive();
    void rolesIgnoreCaseAndSpaces_data();
    void rolesIgnoreCaseAndSpaces();
    void invalidInputIsEchoedCapped();
    void emailKeyIsNormalized_data();
    void emailKeyIsNormalized();
    void messagesShowHostileTextVisibly();
};

void TestUserRules::rules_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("allowEmptyPassword");
    QTest::addColumn<QList<int>>("problems");

    using F = UserRules::Field;
    QTest::newRow("valid") << QString() << QString() << false << QList<int> {};
    QTest::newRow("empty name") << QStringLiteral("name") << QStringLiteral("   ") << false
                                << QList<int> { int(F::Name) };
    QTest::newRow("newline in name") << QStringLiteral("name") << QStringLiteral("a\nb") << false
                                     << QList<int> { int(F::Name) };
    QTest::newRow("257 characters") << QStringLiteral("name") << QString(257, QLatin1Char('n')) << false
                                    << QList<int> { int(F::Name) };
    QTest::newRow("256 emoji") << QStringLiteral("name") << QStringLiteral("🧶").repeated(256) << false
                               << QList<int> {};
    QTest::newRow("malformed email") << QStringLiteral("email") << QStringLiteral("ada.example.com") << false
                                     << QList<int> { int(F::Email) };
    QTest::newRow("empty email") << QStringLiteral("email") << QString() << false << QList<int> { int(F::Email) };
    QTest::newRow("unknown role") << QStringLiteral("role") << QStringLiteral("root") << false
                                  << QList<int> { int(F::Role) };
    QTest::newRow("short password") << QStringLiteral("password") << QStringLiteral("1234567") << false
                                    << QList<int> { int(F::Password) };
    QTest::newRow("8 emoji is 8 characters")
        << QStringLiteral("password+confirmation") << QStringLiteral("🧶").repeated(8) << false << QList<int> {};
    QTest::newRow("not confirmed") << QStringLiteral("confirmation") << QStringLiteral("correct horsf") << false
                                   << QList<int> { int(F::Confirmation) };
    QTest::newRow("no password") << QStringLiteral("password+confirmation") << QString() << false
                                 << QList<int> { int(F::Password) };
    QTest::newRow("no password, pending allowed")
        << QStringLiteral("password+confirmation+pending") << QString() << true << QList<int> {};
    QTest::newRow("no password, user role")
        << QStringLiteral("password+confirmation") << QString() << true << QList<int> { int(F::Password) };

    // Unicode: what the window can hold that UTF-8 cannot carry, and characters that hide or reorder text.
    const auto loneSurrogate = QString(QChar(0xD83E));
    QTest::newRow("lone surrogate in name")
        << QStringLiteral("name") << QStringLiteral("Ada") + loneSurrogate << false << QList<int> { int(F::Name) };
    QTest::newRow("lone surrogate in email")
        << QStringLiteral("email") << QStringLiteral("ada@example.com") + loneSurrogate << false
        << QList<int> { int(F::Email) };
    QTest::newRow("lone surrogate in password")
        << QStringLiteral("password+confirmation") << QStringLiteral("correct horse") + loneSurrogate << false
        << QList<int> { int(F::Password) };
    QTest::newRow("override in name is kept")
        << QStringLiteral("name") << QStringLiteral("Ada\u202Egnp.exe") << false << QList<int> {};
    QTest::newRow("zero-width joiner in name is kept")
        << QStringLiteral("name") << QStringLiteral("👩\u200D💻 Ada") << false << QList<int> {};
    QTest::newRow("ESC in name") << QStringLiteral("name") << QStringLiteral("Ada\x1b[31m") << false
                                 << QList<int> { int(F::Name) };
    QTest::newRow("C1 in name") << QStringLiteral("name") << QStringLiteral("Ada\u009b31m") << false
                                << QList<int> { int(F::Name) };
    for (const auto codePoint : { 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E,
                                  0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF }) {
        const auto row = QStringLiteral("U+%1 in email").arg(codePoint, 4, 16, QLatin1Char('0')).toUpper();
        QTest::newRow(qPrintable(row)) << QStringLiteral("email")
                                       << QStringLiteral("ada") + QChar(codePoint) + QStringLiteral("@example.com")
                                       << false << QList<int> { int(F::Email) };
    }
    QTest::newRow("decomposed accents in email")
        << QStringLiteral("email") << QStringLiteral("zoe\u0301@example.fr") << false << QList<int> {};
    // 256 characters once composed, 512 as typed.
    QTest::newRow("name length counted in NFC")
        << QStringLiteral("name") << QStringLiteral("e\u0301").repeated(256) << false << QList<int> {};
}

void TestUserRules::rules()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(bool, allowEmptyPassword);
    QFETCH(QList<int>, problems);

    auto user = valid();
    if (field == QLatin1String("name")) {
        user.name = value;
    } else if (field == QLatin1String("email")) {
        user.email = value;
    } else if (field == QLatin1String("role")) {
        user.roleText = value;
    } else if (field == QLatin1String("password")) {
        user.password = value;
        user.confirmation = value;
    } else if (field == QLatin1String("confirmation")) {
        user.confirmation = value;
    } else if (field.startsWith(QLatin1String("password+confirmation"))) {
        user.password = value;
        user.confirmation = value;
        if (field.endsWith(QLatin1String("pending"))) {
            user.role = Role::Pending;
        }
    }
    QList<int> found;
    for (const auto& problem : UserRules::validate(user, allowEmptyPassword)) {
        found.append(int(problem.field));
        QVERIFY(!problem.message.isEmpty());
    }
    QCOMPARE(found, problems);
}

void TestUserRules::emails_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("a@b.fr") << true;
    QTest::newRow("plus") << QStringLiteral("ada+crochet@example.co.uk") << true;
    QTest::newRow("idn") << QStringLiteral("zoé@exämple.fr") << true;
    QTest::newRow("no at") << QStringLiteral("ada") << false;
    QTest::newRow("two ats") << QStringLiteral("a@b@c.fr") << false;
    QTest::newRow("no domain dot") << QStringLiteral("ada@localhost") << false;
    QTest::newRow("space") << QStringLiteral("a da@b.fr") << false;
    QTest::newRow("double dot") << QStringLiteral("a..b@c.fr") << false;
    QTest::newRow("bad domain") << QStringLiteral("a@exa_mple..fr") << false;
    QTest::newRow("empty local") << QStringLiteral("@b.fr") << false;
}

void TestUserRules::emails()
{
    QFETCH(QString, email);
    QFETCH(bool, valid);
    QCOMPARE(UserRules::isValidEmail(email), valid);
}

void TestUserRules::emailKeyIsCaseInsensitive()
{
    QCOMPARE(UserRules::emailKey(QStringLiteral(" Ada@Example.COM ")),
             UserRules::emailKey(QStringLiteral("ada@example.com")));
}

void TestUserRules::rolesIgnoreCaseAndSpaces_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("known");
    QTest::newRow("admin") << QStringLiteral("admin") << QStringLiteral("admin") << true;
    QTest::newRow("Admin") << QStringLiteral("Admin") << QStringLiteral("admin") << true;
    QTest::newRow("ADMIN, spaces") << QStringLiteral("  ADMIN\t") << QStringLiteral("admin") << true;
    QTest::newRow("User") << QStringLiteral("User") << QStringLiteral("user") << true;
    QTest::newRow("Pending") << QStringLiteral(" Pending ") << QStringLiteral("pending") << true;
    QTest::newRow("unknown, trimmed") << QStringLiteral(" Root ") << QStringLiteral("Root") << false;
    QTest::newRow("dotted capital I") << QStringLiteral("ADM\u0130N") << QStringLiteral("ADM\u0130N") << false;
    QTest::newRow("inner space") << QStringLiteral("ad min") << QStringLiteral("ad min") << false;
    QTest::newRow("empty") << QString() << QString() << false;
}

void TestUserRules::rolesIgnoreCaseAndSpaces()
{
    QFETCH(QString, typed);
    QFETCH(QString, role);
    QFETCH(bool, known);
    const auto found = Roles::fromKey(typed);
    QCOMPARE(found.has_value(), known);
    if (found) {
        QCOMPARE(Roles::key(*found), role);
    }
    auto user = valid();
    user.roleText = typed;
    const auto problems = UserRules::validate(user);
    QCOMPARE(problems.isEmpty(), known);
    if (!known) {
        QCOMPARE(problems.first().message,
                 QStringLiteral("Unknown role \"%1\": use user, admin or pending.").arg(role));
    }
    // A pending account without a password: the role is recognised whatever its case.
    user.password.clear();
    user.confirmation.clear();
    QCOMPARE(UserRules::validate(user, true).isEmpty(), role == QLatin1String("pending"));
}

void TestUserRules::invalidInputIsEchoedCapped()
{
    NewUser user;
    user.name = QStringLiteral("Ada");
    user.email = QString(1024 * 1024, QLatin1Char('a'));
    user.roleText = QString(1000, QLatin1Char('r'));
    user.password = QStringLiteral("correct horse");
    user.confirmation = user.password;
    const auto problems = UserRules::validate(user, false);
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).message,
             QStringLiteral("\"%1\" is not a valid email address.").arg(QString(59, QLatin1Char('a')) + QChar(0x2026)));
    QCOMPARE(problems.at(1).message,
             QStringLiteral("Unknown role \"%1\": use user, admin or pending.")
                 .arg(QString(59, QLatin1Char('r')) + QChar(0x2026)));
}

void TestUserRules::emailKeyIsNormalized_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("other");
    QTest::newRow("precomposed and combining acute")
        << QStringLiteral("zo\u00E9@example.fr") << QStringLiteral("zoe\u0301@example.fr");
    QTest::newRow("upper case, decomposed")
        << QStringLiteral("ZOE\u0301@EXAMPLE.FR") << QStringLiteral("zo\u00E9@example.fr");
    QTest::newRow("angstrom sign and ring")
        << QStringLiteral("\u212Bngstr\u00F6m@example.se") << QStringLiteral("a\u030Angstro\u0308m@example.se");
    QTest::newRow("kelvin sign") << QStringLiteral("\u212Aelvin@example.com") << QStringLiteral("kelvin@example.com");
}

void TestUserRules::emailKeyIsNormalized()
{
    QFETCH(QString, typed);
    QFETCH(QString, other);
    QCOMPARE(UserRules::emailKey(typed), UserRules::emailKey(other));
    QCOMPARE(UserRules::emailKey(typed), UserRules::emailKey(typed).normalized(QString::NormalizationForm_C));
}

void TestUserRules::messagesShowHostileTextVisibly()
{
    auto user = valid();
    user.email = QStringLiteral("\x1b[2J\x1b]0;pwned\x07");
    user.roleText = QStringLiteral("root\u202E");
    const auto problems = UserRules::validate(user);
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).message, QStringLiteral("\"\\x1b[2J\\x1b]0;pwned\\x07\" is not a valid email address."));
    QCOMPARE(problems.at(1).message, QStringLiteral("Unknown role \"root\\u202e\": use user, admin or pending."));
    const auto hidden = UserRules::validate([] {
        auto withOverride = valid();
        withOverride.email = QStringLiteral("ada\u202E@example.com");
        return withOverride;
    }());
    QCOMPARE(hidden.size(), 1);
    QCOMPARE(hidden.at(0).message,
             QStringLiteral("The email address must not contain invisible or text-direction characters (U+202E)."));
    QCOMPARE(UserRules::duplicateEmailMessage(QStringLiteral("zoe\u0301\u200B@example.fr")),
             QStringLiteral("The email address zo\u00E9\\u200b@example.fr is already used by another account."));
}

QTEST_GUILESS_MAIN(TestUserRules)
#include "TestUserRules.moc"

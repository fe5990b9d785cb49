#include "text/SafeText.h"

#include <QTest>

// Strict UTF-8 in, NFC, and hostile characters made visible out.
class TestSafeText : public QObject
{
    Q_OBJECT

private slots:
    void fromUtf8_data();
    void fromUtf8();
    void printable_data();
    void printable();
    void printableKeepsLines_data();
    void printableKeepsLines();
    void printableIsIdempotent();
    void firstInvisible_data();
    void firstInvisible();
    void normalizedIsNfc();
};

void TestSafeText::fromUtf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QByteArray() << true << QString();
    QTest::newRow("ascii") << QByteArray("Ada") << true << QStringLiteral("Ada");
    QTest::newRow("accents") << QByteArray("Zo\xc3\xa9") << true << QStringLiteral("Zoé");
    QTest::newRow("emoji") << QByteArray("\xf0\x9f\xa7\xb6") << true << QStringLiteral("🧶");
    QTest::newRow("leading BOM kept") << QByteArray("\xef\xbb\xbf"
                                                    "a")
                                      << true << QStringLiteral("\uFEFFa");
    QTest::newRow("stray byte") << QByteArray("secret\xffpassword") << false << QString();
    QTest::newRow("lone continuation") << QByteArray("a\x80z") << false << QString();
    QTest::newRow("truncated at the end") << QByteArray("caf\xc3") << false << QString();
    QTest::newRow("truncated in the middle") << QByteArray("\xe2\x82z") << false << QString();
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false << QString();
    QTest::newRow("overlong NUL") << QByteArray("\xc0\x80") << false << QString();
    QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80") << false << QString();
    QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false << QString();
    QTest::newRow("latin-1 text") << QByteArray("Zo\xe9") << false << QString();
}

void TestSafeText::fromUtf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QFETCH(QString, text);
    const auto decoded = SafeText::fromUtf8(bytes);
    QCOMPARE(decoded.has_value(), valid);
    if (valid) {
        QCOMPARE(*decoded, text);
    }
}

void TestSafeText::printable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("Ada Lovelace") << QStringLiteral("Ada Lovelace");
    QTest::newRow("accents and emoji") << QStringLiteral("Zoé 🧶 名前") << QStringLiteral("Zoé 🧶 名前");
    QTest::newRow("arabic letters stay") << QStringLiteral("مرحبا") << QStringLiteral("مرحبا");
    QTest::newRow("typographic spaces stay") << QStringLiteral("a\u00A0b\u202Fc") << QStringLiteral("a\u00A0b\u202Fc");
    QTest::newRow("backslash stays") << QStringLiteral("C:\\x") << QStringLiteral("C:\\x");
    QTest::newRow("ESC sequence") << QStringLiteral("http://x/\x1b[31mred\x1b[0m")
                                  << QStringLiteral("http://x/\\x1b[31mred\\x1b[0m");
    QTest::newRow("NUL") << QString(QChar(0)) << QStringLiteral("\\x00");
    QTest::newRow("bell, backspace") << QStringLiteral("a\x07\x08") << QStringLiteral("a\\x07\\x08");
    QTest::newRow("line breaks and tab") << QStringLiteral("a\r\nb\tc\nd")
                                         << QStringLiteral("a\\x0d\\x0ab\\x09c\\x0ad");
    QTest::newRow("DEL") << QStringLiteral("a\x7f") << QStringLiteral("a\\x7f");
    QTest::newRow("C1 CSI") << QStringLiteral("a\u009B31m") << QStringLiteral("a\\x9b31m");
    QTest::newRow("C1 NEL") << QStringLiteral("a\u0085b") << QStringLiteral("a\\x85b");
    QTest::newRow("right-to-left override")
        << QStringLiteral("Ada\u202Egnp.exe") << QStringLiteral("Ada\\u202egnp.exe");
    QTest::newRow("embeddings and pop") << QStringLiteral("\u202A\u202B\u202C\u202D")
                                        << QStringLiteral("\\u202a\\u202b\\u202c\\u202d");
    QTest::newRow("isolates") << QStringLiteral("\u2066\u2067\u2068\u2069")
                              << QStringLiteral("\\u2066\\u2067\\u2068\\u2069");
    QTest::newRow("marks") << QStringLiteral("\u200E\u200F\u061C") << QStringLiteral("\\u200e\\u200f\\u061c");
    QTest::newRow("zero-width") << QStringLiteral("A\u200Bd\u200Ca\u200D!\u2060\uFEFF")
                                << QStringLiteral("A\\u200bd\\u200ca\\u200d!\\u2060\\ufeff");
    QTest::newRow("line and paragraph separators")
        << QStringLiteral("a\u2028b\u2029") << QStringLiteral("a\\u2028b\\u2029");
    QTest::newRow("tag characters") << QStringLiteral("hi\U000E0041") << QStringLiteral("hi\\U000e0041");
    QTest::newRow("lone high surrogate") << QString(QChar(0xD800)) + QLatin1Char('a') << QStringLiteral("\\ud800a");
    QTest::newRow("lone low surrogate") << QLatin1Char('a') + QString(QChar(0xDC00)) << QStringLiteral("a\\udc00");
    QTest::newRow("joiner inside an emoji stays") << QStringLiteral("👩\u200D💻 Ada") << QStringLiteral("👩\u200D💻 Ada");
    QTest::newRow("joiner after a variation selector stays")
        << QStringLiteral("🏳\uFE0F\u200D🌈") << QStringLiteral("🏳\uFE0F\u200D🌈");
    QTest::newRow("joiner at the end") << QStringLiteral("👩\u200D") << QStringLiteral("👩\\u200d");
    QTest::newRow("joiner between letters") << QStringLiteral("a\u200Db") << QStringLiteral("a\\u200db");
}

void TestSafeText::printable()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(SafeText::printable(text), expected);
}

void TestSafeText::printableKeepsLines_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lines and tabs stay") << QStringLiteral("a\n\tb") << QStringLiteral("a\n\tb");
    QTest::newRow("CRLF becomes LF") << QStringLiteral("a\r\nb\r\n") << QStringLiteral("a\nb\n");
    QTest::newRow("lone CR escaped") << QStringLiteral("ok\rfake") << QStringLiteral("ok\\x0dfake");
    QTest::newRow("ESC escaped") << QStringLiteral("a\n\x1b[2Jb") << QStringLiteral("a\n\\x1b[2Jb");
    QTest::newRow("vertical tab and form feed") << QStringLiteral("\x0b\x0c") << QStringLiteral("\\x0b\\x0c");
    QTest::newRow("bidi escaped") << QStringLiteral("a\u202Eb") << QStringLiteral("a\\u202eb");
}

void TestSafeText::printableKeepsLines()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(SafeText::printable(text, SafeText::Lines::Keep), expected);
}

void TestSafeText::printableIsIdempotent()
{
    const auto hostile = QStringLiteral("\x1b]0;title\x07\u202E\u0085\n");
    const auto once = SafeText::printable(hostile);
    QCOMPARE(SafeText::printable(once), once);
    QCOMPARE(SafeText::printable(once, SafeText::Lines::Keep), once);
    for (const auto ch : once) {
        QVERIFY2(ch.unicode() >= 0x20 && ch.unicode() < 0x7f, qPrintable(once));
    }
}

void TestSafeText::firstInvisible_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("found");
    QTest::newRow("none") << QStringLiteral("ada@example.com") << QString();
    QTest::newRow("accents are visible") << QStringLiteral("zoé@exämple.fr") << QString();
    QTest::newRow("override") << QStringLiteral("ada\u202E@example.com") << QStringLiteral("U+202E");
    QTest::newRow("zero-width space") << QStringLiteral("a\u200Bda@example.com") << QStringLiteral("U+200B");
    QTest::newRow("first of two") << QStringLiteral("\u2066a\u200D") << QStringLiteral("U+2066");
    QTest::newRow("byte order mark") << QStringLiteral("\uFEFFada@example.com") << QStringLiteral("U+FEFF");
    QTest::newRow("arabic letter mark") << QStringLiteral("a\u061C") << QStringLiteral("U+061C");
    QTest::newRow("tag") << QStringLiteral("a\U000E0041") << QStringLiteral("U+E0041");
}

void TestSafeText::firstInvisible()
{
    QFETCH(QString, text);
    QFETCH(QString, found);
    QCOMPARE(SafeText::firstInvisible(text), found);
}

void TestSafeText::normalizedIsNfc()
{
    const auto precomposed = QStringLiteral(" Zo\u00E9 ");
    const auto decomposed = QStringLiteral("Zoe\u0301");
    QCOMPARE(SafeText::normalized(precomposed), QStringLiteral("Zo\u00E9"));
    QCOMPARE(SafeText::normalized(decomposed), QStringLiteral("Zo\u00E9"));
}

QTEST_GUILESS_MAIN(TestSafeText)
#include "TestSafeText.moc"

#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

// Text crossing Crochet's edges. Coming in, UTF-8 is decoded strictly (invalid bytes are refused, never replaced with
// U+FFFD) and names and emails are compared in NFC. Going out to a terminal, a widget or a chat message, whatever
// could move the cursor, change colours, reorder or hide text is shown as a visible escape (\x1b, \u202e) instead.
class SafeText
{
public:
    enum class Lines
    {
        Escape, // one line: \n, \r and \t are escaped too
        Keep, // a block shown as several lines: \n and \t stay, \r\n becomes \n
    };

    // Strict UTF-8: nullopt for any invalid sequence (stray or truncated bytes, overlong forms, surrogates, beyond
    // U+10FFFF). A leading byte order mark is kept as U+FEFF rather than silently dropped.
    static std::optional<QString> fromUtf8(QByteArrayView bytes);

    // Trimmed (a leading U+FEFF too) and in Unicode normalisation form C, so that one text typed two ways is stored and
    // compared as one.
    static QString normalized(const QString& text);

    // Control characters: C0 (all of them), DEL and C1.
    static bool isControl(char32_t codePoint);
    // Invisible characters that reorder or hide text: the format category (bidirectional embeddings, overrides,
    // isolates and marks, zero-width spaces and joiners, word joiner, byte order mark, tags…) and the line and
    // paragraph separators.
    static bool isInvisible(char32_t codePoint);
    // The first invisible character of text as "U+202E", or an empty string.
    static QString firstInvisible(QStringView text);

    // text with control and invisible characters and lone surrogates replaced by visible escapes (\x1b, \u202e,
    // \ud800), so that it can be printed on a terminal or shown in a widget as it is. A zero-width joiner between
    // two emoji stays (it builds one emoji, as in a family or a flag). Backslashes are not escaped: the result is for
    // people to read, not to be parsed back.
    static QString printable(QStringView text, Lines lines = Lines::Escape);
};

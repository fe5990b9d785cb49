#include "text/SafeText.h"

#include <QStringDecoder>

#include <algorithm>

namespace {

constexpr char32_t ZeroWidthJoiner = 0x200D;
constexpr char32_t VariationSelector16 = 0xFE0F;

// The code point starting at index, or a lone surrogate as it is; width receives its length in UTF-16 units.
char32_t codePointAt(QStringView text, qsizetype index, qsizetype* width = nullptr)
{
    const auto ch = text.at(index);
    if (ch.isHighSurrogate() && index + 1 < text.size() && text.at(index + 1).isLowSurrogate()) {
        if (width) {
            *width = 2;
        }
        return QChar::surrogateToUcs4(ch, text.at(index + 1));
    }
    if (width) {
        *width = 1;
    }
    return ch.unicode();
}

// The code point ending just before index.
char32_t codePointBefore(QStringView text, qsizetype index)
{
    if (index >= 2 && text.at(index - 1).isLowSurrogate() && text.at(index - 2).isHighSurrogate()) {
        return QChar::surrogateToUcs4(text.at(index - 2), text.at(index - 1));
    }
    return text.at(index - 1).unicode();
}

// Pictographs that zero-width joiner sequences combine (a family, a rainbow flag, a cook): the emoji planes and the
// dingbats.
bool isEmoji(char32_t codePoint)
{
    return (codePoint >= 0x1F000 && codePoint <= 0x1FAFF) || (codePoint >= 0x2600 && codePoint <= 0x27BF)
        || (codePoint >= 0x2B00 && codePoint <= 0x2BFF);
}

bool joinsEmoji(QStringView text, qsizetype index)
{
    if (index == 0 || index + 1 >= text.size()) {
        return false;
    }
    const auto before = codePointBefore(text, index);
    return (isEmoji(before) || before == VariationSelector16) && isEmoji(codePointAt(text, index + 1));
}

QString escaped(char32_t codePoint)
{
    if (codePoint <= 0xFF) {
        return QStringLiteral("\\x%1").arg(uint(codePoint), 2, 16, QLatin1Char('0'));
    }
    if (codePoint <= 0xFFFF) {
        return QStringLiteral("\\u%1").arg(uint(codePoint), 4, 16, QLatin1Char('0'));
    }
    return QStringLiteral("\\U%1").arg(uint(codePoint), 8, 16, QLatin1Char('0'));
}

} // namespace

std::optional<QString> SafeText::fromUtf8(QByteArrayView bytes)
{
    // Stateless: a sequence cut at the end is an error too, not kept for a next call.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        return std::nullopt;
    }
    return text;
}

QString SafeText::normalized(const QString& text)
{
    // SQLite takes a leading U+FEFF for a byte order mark and drops it: what is checked must be what is stored.
    auto trimmed = text.trimmed();
    while (trimmed.startsWith(QChar(0xFEFF))) {
        trimmed = trimmed.mid(1).trimmed();
    }
    return trimmed.normalized(QString::NormalizationForm_C);
}

bool SafeText::isControl(char32_t codePoint)
{
    return codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F);
}

bool SafeText::isInvisible(char32_t codePoint)
{
    switch (QChar::category(codePoint)) {
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

QString SafeText::firstInvisible(QStringView text)
{
    qsizetype width = 1;
    for (qsizetype i = 0; i < text.size(); i += width) {
        const auto codePoint = codePointAt(text, i, &width);
        if (isInvisible(codePoint)) {
            return QStringLiteral("U+%1").arg(uint(codePoint), 4, 16, QLatin1Char('0')).toUpper();
        }
    }
    return {};
}

QString SafeText::printable(QStringView text, Lines lines)
{
    // Printable ASCII, what most names and addresses are made of, is kept as it is without a look at each code point.
    if (std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; })) {
        return text.toString();
    }
    QString result;
    result.reserve(text.size());
    qsizetype width = 1;
    for (qsizetype i = 0; i < text.size(); i += width) {
        const auto codePoint = codePointAt(text, i, &width);
        if (lines == Lines::Keep) {
            if (codePoint == '\n' || codePoint == '\t') {
                result.append(text.at(i));
                continue;
            }
            if (codePoint == '\r' && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
                continue;
            }
        }
        const bool loneSurrogate = width == 1 && text.at(i).isSurrogate();
        if (loneSurrogate || isControl(codePoint)
            || (isInvisible(codePoint) && !(codePoint == ZeroWidthJoiner && joinsEmoji(text, i)))) {
            result.append(escaped(codePoint));
        } else {
            result.append(text.mid(i, width));
        }
    }
    return result;
}

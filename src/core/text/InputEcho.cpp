#include "text/InputEcho.h"

#include "text/SafeText.h"

QString InputEcho::capped(const QString& text, qsizetype maximum)
{
    if (text.size() <= maximum) {
        return SafeText::printable(text);
    }
    auto length = qMax<qsizetype>(maximum - 1, 0);
    if (length > 0 && text.at(length - 1).isHighSurrogate()) {
        --length;
    }
    return SafeText::printable(text.left(length)) + QChar(0x2026);
}

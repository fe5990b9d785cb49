#include "InputEcho.h"

QString InputEcho::capped(const QString& text, qsizetype maximum)
{
    if (text.size() <= maximum) {
        return text;
    }
    auto length = qMax<qsizetype>(maximum - 1, 0);
    if (length > 0 && text.at(length - 1).isHighSurrogate()) {
        --length;
    }
    return text.left(length) + QChar(0x2026);
}

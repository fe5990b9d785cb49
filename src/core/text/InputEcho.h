#pragma once

#include <QString>

// What a message may quote of the administrator's input: enough to recognise it, never a megabyte.
class InputEcho
{
public:
    static constexpr qsizetype DefaultLength = 60;

    // text itself when it is at most maximum characters long, else its beginning and an ellipsis (…), never cutting
    // a surrogate pair; control and invisible characters shown as escapes (SafeText::printable).
    static QString capped(const QString& text, qsizetype maximum = DefaultLength);
};

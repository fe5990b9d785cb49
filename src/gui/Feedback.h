#pragma once

#include <QString>

class QLabel;

// Inline messages under a field or a button: neutral, success or error, styled alike on every page.
// The kind is also kept in the label's "feedback" property ("none", "info", "success", "error").
class Feedback
{
public:
    enum class Kind
    {
        None,
        Info,
        Success,
        Error,
    };

    static void show(QLabel* label, const QString& text, Kind kind);
    static void clear(QLabel* label);
    static QString kindName(Kind kind);
};

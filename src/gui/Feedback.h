#pragma once

#include <QColor>
#include <QString>

class QLabel;

// Inline messages under a field or a button: neutral, success, warning or error, styled alike on every page.
// The kind is also kept in the label's "feedback" property ("none", "info", "success", "warning", "error").
class Feedback
{
public:
    enum class Kind
    {
        None,
        Info,
        Success,
        Warning,
        Error,
    };

    static void show(QLabel* label, const QString& text, Kind kind);
    // The same, followed by a link whose activation the caller handles (QLabel::linkActivated gives href).
    static void showWithLink(QLabel* label, const QString& text, Kind kind, const QString& href,
                             const QString& linkText);
    static void clear(QLabel* label);
    static QString kindName(Kind kind);
    // The text colour of a kind; invalid for the palette's own.
    static QColor colour(Kind kind);
};

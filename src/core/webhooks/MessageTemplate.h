#pragma once

#include "outbox/Event.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

// The message an endpoint posts for an event: the administrator's text, trusted, with placeholders ({name}, {email},
// {role}, {id}, {created_at}, {changes}, {event}) for values that are not: those are escaped for the format by the
// caller's escape function, so that a name such as "@everyone" stays inert whatever the template.
class MessageTemplate
{
    Q_DECLARE_TR_FUNCTIONS(MessageTemplate)

public:
    using Values = QHash<QString, QString>;

    // Longer messages than chat services show whole (Slack advises 4,000 characters; Discord cuts at 2,000).
    static constexpr qsizetype MaximumLength = 4000;

    static QStringList placeholders();
    // The default message of an event in the current language ("New user signed up: {name}", the seed's text).
    static QString defaultText(Event event);
    // Why text cannot be used (translated, naming the unknown placeholder or quoting the unbalanced brace with its
    // position), or empty. "{{" and "}}" stand for braces of their own.
    static QString problem(const QString& text);
    // text with each placeholder replaced by its value passed through escape (identity when null). A text with a
    // problem renders as it is, never partly.
    static QString render(const QString& text, const Values& values, QString (*escape)(const QString&) = nullptr);
};

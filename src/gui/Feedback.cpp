#include "Feedback.h"

#include "SafeText.h"

#include <QLabel>

QString Feedback::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Info:
        return QStringLiteral("info");
    case Kind::Success:
        return QStringLiteral("success");
    case Kind::Error:
        return QStringLiteral("error");
    case Kind::None:
        break;
    }
    return QStringLiteral("none");
}

void Feedback::show(QLabel* label, const QString& text, Kind kind)
{
    // Messages may quote account data or a receiver's answer: never interpret them as rich text, and show control and
    // text-direction characters as visible escapes.
    label->setTextFormat(Qt::PlainText);
    label->setText(SafeText::printable(text, SafeText::Lines::Keep));
    label->setProperty("feedback", kindName(kind));
    // Mid-tone colours that stay readable on light and dark palettes.
    switch (kind) {
    case Kind::Success:
        label->setStyleSheet(QStringLiteral("QLabel { color: #2e8b57; }"));
        break;
    case Kind::Error:
        label->setStyleSheet(QStringLiteral("QLabel { color: #d9383a; }"));
        break;
    case Kind::Info:
    case Kind::None:
        label->setStyleSheet(QString());
        break;
    }
    label->setVisible(!text.isEmpty());
}

void Feedback::clear(QLabel* label)
{
    show(label, QString(), Kind::None);
}

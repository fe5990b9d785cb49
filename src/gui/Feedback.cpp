#include "Feedback.h"

#include "text/SafeText.h"

#include <QLabel>

namespace {

void style(QLabel* label, Feedback::Kind kind)
{
    label->setProperty("feedback", Feedback::kindName(kind));
    const auto colour = Feedback::colour(kind);
    label->setStyleSheet(colour.isValid() ? QStringLiteral("QLabel { color: %1; }").arg(colour.name()) : QString());
}

} // namespace

QString Feedback::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Info:
        return QStringLiteral("info");
    case Kind::Success:
        return QStringLiteral("success");
    case Kind::Warning:
        return QStringLiteral("warning");
    case Kind::Error:
        return QStringLiteral("error");
    case Kind::None:
        break;
    }
    return QStringLiteral("none");
}

QColor Feedback::colour(Kind kind)
{
    // Mid-tone colours that stay readable on light and dark palettes.
    switch (kind) {
    case Kind::Success:
        return QColor(0x2e, 0x8b, 0x57);
    case Kind::Warning:
        return QColor(0xc0, 0x6a, 0x00);
    case Kind::Error:
        return QColor(0xd9, 0x38, 0x3a);
    case Kind::Info:
    case Kind::None:
        break;
    }
    return {};
}

void Feedback::show(QLabel* label, const QString& text, Kind kind)
{
    // Messages may quote account data or a receiver's answer: never interpret them as rich text, and show control and
    // text-direction characters as visible escapes.
    label->setTextFormat(Qt::PlainText);
    label->setText(SafeText::printable(text, SafeText::Lines::Keep));
    style(label, kind);
    label->setVisible(!text.isEmpty());
}

void Feedback::showWithLink(QLabel* label, const QString& text, Kind kind, const QString& href, const QString& linkText)
{
    // Rich text only for the link: the message itself is escaped.
    label->setTextFormat(Qt::RichText);
    label->setText(QStringLiteral("%1 <a href=\"%2\">%3</a>")
                       .arg(SafeText::printable(text).toHtmlEscaped(), href.toHtmlEscaped(), linkText.toHtmlEscaped()));
    label->setOpenExternalLinks(false);
    label->setTextInteractionFlags(label->textInteractionFlags() | Qt::LinksAccessibleByMouse
                                   | Qt::LinksAccessibleByKeyboard);
    style(label, kind);
    label->setVisible(true);
}

void Feedback::clear(QLabel* label)
{
    show(label, QString(), Kind::None);
}

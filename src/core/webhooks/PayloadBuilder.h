#pragma once

#include "outbox/Notification.h"
#include "webhooks/PayloadFormat.h"

#include <QByteArray>
#include <QCoreApplication>

struct Payload
{
    QByteArray contentType;
    QByteArray body;
};

// Turns a notification into the body a service expects. Account data is escaped for each chat service so that a
// name can neither ping anyone nor inject markup, and made printable (SafeText) in every format so that it can neither
// reorder nor hide text; JSON is always built with QJsonDocument.
class PayloadBuilder
{
    Q_DECLARE_TR_FUNCTIONS(PayloadBuilder)

public:
    static constexpr int DiscordContentLimit = 2000;

    static Payload build(const Notification& notification, PayloadFormat::Shape shape);
    // The Content-Type of every body of that shape.
    static QByteArray contentType(PayloadFormat::Shape shape);

    // Several notifications of event in one body (a digest): text lists them escaped for shape, plainText unescaped
    // (JSON's message, plain text, a MessageCard's summary); JSON adds each account under "users" and their "count".
    static Payload buildList(Event event, const QString& text, const QString& plainText,
                             const QList<Notification>& notifications, PayloadFormat::Shape shape);

    using Escape = QString (*)(const QString&);
    // How account data is escaped in a message of that shape: nullptr for JSON and plain text.
    static Escape escapeFor(PayloadFormat::Shape shape);
    static QString escapeSlack(const QString& text);
    static QString escapeMarkdown(const QString& text);
    static QString truncate(const QString& text, int limit);
};

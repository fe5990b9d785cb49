#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

// The body shapes Crochet can post. Auto resolves to one of the others from the URL's host.
class PayloadFormat
{
    Q_DECLARE_TR_FUNCTIONS(PayloadFormat)

public:
    enum Format
    {
        Auto,
        Discord,
        Slack,
        GoogleChat,
        Teams,
        Json,
        PlainText,
    };

    // What is actually sent: Teams splits into Workflows (Adaptive Card) and legacy connectors (MessageCard).
    enum class Shape
    {
        Discord,
        Slack,
        GoogleChat,
        TeamsWorkflow,
        TeamsConnector,
        Json,
        PlainText,
    };

    static QList<Format> all();
    static QString key(Format format); // "auto", "discord", … as stored and typed in the CLI
    static std::optional<Format> fromKey(const QString& key);
    static QString displayName(Format format);

    // Decided from the parsed host and path, never by substring of the whole URL.
    static Format detect(const QUrl& url);
    static Shape resolve(Format chosen, const QUrl& url);
    // What Auto picks for url, said to whoever edits the format ("Auto uses the Discord format for this URL."), or
    // empty when chosen is not Auto.
    static QString autoHint(Format chosen, const QString& url);

    // Chat services (Discord, Slack, Google Chat, Teams) limit how many messages a channel takes: their endpoints send
    // digests unless told otherwise. JSON and plain text keep one request per event.
    static bool digestsByDefault(Shape shape);

    // "discord", "teams-workflow", … as stored with a body rendered for that shape.
    static QString shapeKey(Shape shape);
    static std::optional<Shape> shapeFromKey(const QString& key);
};

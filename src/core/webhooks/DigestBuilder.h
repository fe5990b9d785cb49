#pragma once

#include "outbox/Notification.h"
#include "webhooks/PayloadBuilder.h"
#include "webhooks/PayloadFormat.h"

#include <QCoreApplication>
#include <QList>

// Several notifications for one endpoint as few messages as its service's length limit allows, each listing the
// accounts ("12 new users signed up: Ana, Bo, …"), one message per event kind. Each name is made printable and
// escaped for the format exactly as in a single message, and is never cut: a name that does not fit starts the next
// message.
class DigestBuilder
{
    Q_DECLARE_TR_FUNCTIONS(DigestBuilder)

public:
    // A JSON digest lists this many accounts at most.
    static constexpr int JsonAccountsLimit = 100;

    struct Message
    {
        Event event = Event::UserCreated;
        QList<int> members; // indexes into the notifications composed, in their order
        // The body; for a single member, that notification's own message (PayloadBuilder::build).
        Payload payload;
    };

    // The longest text a message lists its accounts in: Discord's 2,000 characters; 4,000 elsewhere, which keeps a
    // message readable (Slack advises it; Google Chat takes 4,096, a Teams card about 28 KB).
    static int textLimit(PayloadFormat::Shape shape);
    // The sentence of a digest of count accounts (count >= 2) in the current language; names listed as given.
    static QString sentence(Event event, int count, const QString& names);
    static QList<Message> compose(const QList<Notification>& notifications, PayloadFormat::Shape shape);
};

#include "webhooks/DigestBuilder.h"

#include "text/SafeText.h"

namespace {

const QString Separator = QStringLiteral(", ");

QString displayedName(const Notification& notification)
{
    return notification.user ? SafeText::printable(notification.user->name) : QString();
}

} // namespace

int DigestBuilder::textLimit(PayloadFormat::Shape shape)
{
    return shape == PayloadFormat::Shape::Discord ? PayloadBuilder::DiscordContentLimit : 4000;
}

QString DigestBuilder::sentence(Event event, int count, const QString& names)
{
    const auto number = QString::number(count);
    switch (event) {
    case Event::UserCreated:
        //: A digest message: %1 (2 or more) accounts created, listed in %2 ("Ana, Bo, Cy")
        return tr("%1 new users signed up: %2").arg(number, names);
    case Event::UserUpdated:
        //: A digest message: %1 (2 or more) accounts changed, listed in %2
        return tr("%1 accounts updated: %2").arg(number, names);
    case Event::UserPasswordReset:
        //: A digest message: %1 (2 or more) accounts had their password reset, listed in %2
        return tr("%1 passwords reset: %2").arg(number, names);
    case Event::UserDisabled:
        //: A digest message: %1 (2 or more) accounts disabled, listed in %2
        return tr("%1 accounts disabled: %2").arg(number, names);
    case Event::UserEnabled:
        //: A digest message: %1 (2 or more) accounts enabled again, listed in %2
        return tr("%1 accounts enabled: %2").arg(number, names);
    case Event::UserDeleted:
        //: A digest message: %1 (2 or more) accounts deleted, listed in %2
        return tr("%1 accounts deleted: %2").arg(number, names);
    case Event::WebhookTest:
        break;
    }
    //: A digest message: %1 (2 or more) test notifications, listed in %2
    return tr("%1 test notifications: %2").arg(number, names);
}

QList<DigestBuilder::Message> DigestBuilder::compose(const QList<Notification>& notifications,
                                                     PayloadFormat::Shape shape)
{
    const auto escape = PayloadBuilder::escapeFor(shape);
    const int limit = textLimit(shape);
    const int accountsLimit = shape == PayloadFormat::Shape::Json ? JsonAccountsLimit : int(notifications.size());
    QList<Message> messages;

    const auto finish = [&](Message message, const QStringList& names) {
        if (message.members.size() == 1) {
            message.payload = PayloadBuilder::build(notifications.at(message.members.first()), shape);
        } else {
            QStringList plain;
            QList<Notification> members;
            for (const auto index : std::as_const(message.members)) {
                plain << displayedName(notifications.at(index));
                members << notifications.at(index);
            }
            const auto count = int(message.members.size());
            message.payload =
                PayloadBuilder::buildList(message.event, sentence(message.event, count, names.join(Separator)),
                                          sentence(message.event, count, plain.join(Separator)), members, shape);
        }
        messages.append(std::move(message));
    };

    // Event kinds in the order they first appear; within each, the accounts in order.
    QList<Event> order;
    for (const auto& notification : notifications) {
        if (!order.contains(notification.event)) {
            order.append(notification.event);
        }
    }
    for (const auto event : std::as_const(order)) {
        Message message;
        message.event = event;
        QStringList names;
        qsizetype namesLength = 0;
        for (int i = 0; i < notifications.size(); ++i) {
            if (notifications.at(i).event != event) {
                continue;
            }
            const auto printable = displayedName(notifications.at(i));
            const auto name = escape ? escape(printable) : printable;
            const auto count = int(names.size()) + 1;
            const auto length = sentence(event, count, {}).size() + namesLength + name.size()
                + (names.isEmpty() ? 0 : Separator.size());
            // Both the escaped and the plain text stay within the limit: the plain one is never longer.
            if (!names.isEmpty() && (length > limit || names.size() >= accountsLimit)) {
                finish(std::exchange(message, Message { event, {}, {} }), names);
                names.clear();
                namesLength = 0;
            }
            namesLength += name.size() + (names.isEmpty() ? 0 : Separator.size());
            names << name;
            message.members << i;
        }
        if (!message.members.isEmpty()) {
            finish(std::move(message), names);
        }
    }
    return messages;
}

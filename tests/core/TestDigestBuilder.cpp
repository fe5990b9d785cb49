#include "TestFixtures.h"
#include "outbox/Notification.h"
#include "storage/Database.h"
#include "text/SafeText.h"
#include "webhooks/DigestBuilder.h"
#include "webhooks/Endpoint.h"
#include "webhooks/PayloadBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// Issue 11: several notifications of one endpoint as few messages as its service allows, each listing the accounts.
namespace {

using Shape = PayloadFormat::Shape;

Notification notify(Event event, const QString& name, int number = 0)
{
    UserRecord user;
    user.id = QStringLiteral("id-%1").arg(number);
    user.name = name;
    user.email = QStringLiteral("user%1@example.com").arg(number);
    user.createdAt = QDateTime(QDate(2026, 11, 26), QTime(9, 30, 0), Qt::UTC);
    auto notification = Notification::forEvent(event, user);
    notification.id = QStringLiteral("n-%1").arg(number);
    return notification;
}

QList<Notification> signups(const QStringList& names)
{
    QList<Notification> list;
    for (int i = 0; i < names.size(); ++i) {
        list.append(notify(Event::UserCreated, names.at(i), i));
    }
    return list;
}

QJsonObject parse(const Payload& payload)
{
    return QJsonDocument::fromJson(payload.body).object();
}

// The text a chat message shows, for the shapes whose text is one field.
QString textOf(const Payload& payload, Shape shape)
{
    const auto object = parse(payload);
    switch (shape) {
    case Shape::Discord:
        return object.value(QStringLiteral("content")).toString();
    case Shape::Slack:
    case Shape::GoogleChat:
        return object.value(QStringLiteral("text")).toString();
    case Shape::TeamsWorkflow:
        return object.value(QStringLiteral("attachments"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("content"))
            .toObject()
            .value(QStringLiteral("body"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("text"))
            .toString();
    case Shape::TeamsConnector:
        return object.value(QStringLiteral("title")).toString();
    case Shape::PlainText:
        return QString::fromUtf8(payload.body);
    case Shape::Json:
        return object.value(QStringLiteral("message")).toString();
    }
    return {};
}

} // namespace

class TestDigestBuilder : public QObject
{
    Q_OBJECT

private slots:
    void listsTheAccountsInOneMessage();
    void escapesEveryName_data();
    void escapesEveryName();
    void splitsWithinTheLimitWithoutCuttingNames_data();
    void splitsWithinTheLimitWithoutCuttingNames();
    void oneMessagePerEventKind();
    void aSingleAccountIsItsOwnMessage();
    void jsonListsTheAccounts();
    void endpointDefaultsFollowTheFormat();
};

void TestDigestBuilder::listsTheAccountsInOneMessage()
{
    const auto messages = DigestBuilder::compose(
        signups({ QStringLiteral("Ana"), QStringLiteral("Bo"), QStringLiteral("Cy") }), Shape::Discord);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().members, (QList<int> { 0, 1, 2 }));
    const auto object = parse(messages.first().payload);
    QCOMPARE(object.value(QStringLiteral("content")).toString(), QStringLiteral("3 new users signed up: Ana, Bo, Cy"));
    // As in single messages: nobody is pinged, whatever the names.
    QCOMPARE(object.value(QStringLiteral("allowed_mentions")).toObject(),
             (QJsonObject { { QStringLiteral("parse"), QJsonArray() } }));
    QCOMPARE(messages.first().payload.contentType, QByteArray("application/json"));
}

void TestDigestBuilder::escapesEveryName_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<QStringList>("expected");
    const QStringList names { QStringLiteral("@everyone"),  QStringLiteral("<@123>"),
                              QStringLiteral("*bold*"),     QStringLiteral("_it_"),
                              QStringLiteral("<!channel>"), QStringLiteral("Ada\u202Egnp.exe") };
    QTest::newRow("discord") << int(Shape::Discord)
                             << QStringList { QStringLiteral("@everyone"),      QStringLiteral("\\<@123\\>"),
                                              QStringLiteral("\\*bold\\*"),     QStringLiteral("\\_it\\_"),
                                              QStringLiteral("\\<!channel\\>"), QStringLiteral("Ada\\\\u202egnp.exe") };
    QTest::newRow("slack") << int(Shape::Slack)
                           << QStringList { QStringLiteral("@everyone"),        QStringLiteral("&lt;@123&gt;"),
                                            QStringLiteral("*bold*"),           QStringLiteral("_it_"),
                                            QStringLiteral("&lt;!channel&gt;"), QStringLiteral("Ada\\u202egnp.exe") };
    QTest::newRow("google-chat") << int(
        Shape::GoogleChat) << QStringList { QStringLiteral("@everyone"),        QStringLiteral("&lt;@123&gt;"),
                                            QStringLiteral("*bold*"),           QStringLiteral("_it_"),
                                            QStringLiteral("&lt;!channel&gt;"), QStringLiteral("Ada\\u202egnp.exe") };
    QTest::newRow("teams") << int(Shape::TeamsWorkflow)
                           << QStringList { QStringLiteral("@everyone"),      QStringLiteral("\\<@123\\>"),
                                            QStringLiteral("\\*bold\\*"),     QStringLiteral("\\_it\\_"),
                                            QStringLiteral("\\<!channel\\>"), QStringLiteral("Ada\\\\u202egnp.exe") };
}

void TestDigestBuilder::escapesEveryName()
{
    QFETCH(int, shape);
    QFETCH(QStringList, expected);
    const QStringList names { QStringLiteral("@everyone"),  QStringLiteral("<@123>"),
                              QStringLiteral("*bold*"),     QStringLiteral("_it_"),
                              QStringLiteral("<!channel>"), QStringLiteral("Ada\u202Egnp.exe") };
    const auto notifications = signups(names);
    const auto messages = DigestBuilder::compose(notifications, Shape(shape));
    QCOMPARE(messages.size(), 1);
    const auto text = textOf(messages.first().payload, Shape(shape));
    QCOMPARE(text, DigestBuilder::sentence(Event::UserCreated, 6, expected.join(QStringLiteral(", "))));
    // Exactly as a single message escapes the same name.
    const auto escape = PayloadBuilder::escapeFor(Shape(shape));
    for (int i = 0; i < names.size(); ++i) {
        QCOMPARE(escape(SafeText::printable(names.at(i))), expected.at(i));
        QVERIFY(
            textOf(PayloadBuilder::build(notifications.at(i), Shape(shape)), Shape(shape)).contains(expected.at(i)));
    }
}

void TestDigestBuilder::splitsWithinTheLimitWithoutCuttingNames_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<int>("limit");
    QTest::newRow("discord") << int(Shape::Discord) << 2000;
    QTest::newRow("slack") << int(Shape::Slack) << 4000;
    QTest::newRow("google-chat") << int(Shape::GoogleChat) << 4000;
    QTest::newRow("teams") << int(Shape::TeamsWorkflow) << 4000;
    QTest::newRow("text") << int(Shape::PlainText) << 4000;
}

void TestDigestBuilder::splitsWithinTheLimitWithoutCuttingNames()
{
    QFETCH(int, shape);
    QFETCH(int, limit);
    QCOMPARE(DigestBuilder::textLimit(Shape(shape)), limit);
    // Names of varied lengths, some escaped longer than they are.
    QStringList names;
    for (int i = 0; i < 700; ++i) {
        names << QStringLiteral("Name_%1 %2").arg(i).arg(QString(i % 23, QLatin1Char('x')));
    }
    const auto notifications = signups(names);
    const auto messages = DigestBuilder::compose(notifications, Shape(shape));
    QVERIFY(messages.size() > 1);
    const auto escape = PayloadBuilder::escapeFor(Shape(shape));
    QList<int> all;
    for (const auto& message : messages) {
        const auto text = textOf(message.payload, Shape(shape));
        QVERIFY2(text.size() <= limit, qPrintable(QString::number(text.size())));
        QStringList listed;
        for (const auto index : message.members) {
            const auto name = escape ? escape(names.at(index)) : names.at(index);
            listed << name;
        }
        // Every name whole, in order, and the next one would not have fitted.
        QCOMPARE(text,
                 DigestBuilder::sentence(Event::UserCreated, int(listed.size()), listed.join(QStringLiteral(", "))));
        if (message.members.last() + 1 < names.size()) {
            const auto next =
                escape ? escape(names.at(message.members.last() + 1)) : names.at(message.members.last() + 1);
            QVERIFY(DigestBuilder::sentence(Event::UserCreated, int(listed.size()) + 1,
                                            (listed + QStringList { next }).join(QStringLiteral(", ")))
                        .size()
                    > limit);
        }
        all += message.members;
    }
    QList<int> expected;
    for (int i = 0; i < names.size(); ++i) {
        expected << i;
    }
    QCOMPARE(all, expected);
}

void TestDigestBuilder::oneMessagePerEventKind()
{
    const QList<Notification> notifications { notify(Event::UserCreated, QStringLiteral("Ana"), 0),
                                              notify(Event::UserDeleted, QStringLiteral("Bo"), 1),
                                              notify(Event::UserCreated, QStringLiteral("Cy"), 2),
                                              notify(Event::UserDisabled, QStringLiteral("Di"), 3),
                                              notify(Event::UserDeleted, QStringLiteral("Ed"), 4) };
    const auto messages = DigestBuilder::compose(notifications, Shape::Slack);
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(0).event, Event::UserCreated);
    QCOMPARE(messages.at(0).members, (QList<int> { 0, 2 }));
    QCOMPARE(textOf(messages.at(0).payload, Shape::Slack), QStringLiteral("2 new users signed up: Ana, Cy"));
    QCOMPARE(messages.at(1).event, Event::UserDeleted);
    QCOMPARE(textOf(messages.at(1).payload, Shape::Slack), QStringLiteral("2 accounts deleted: Bo, Ed"));
    // Alone of its kind: the account's own message.
    QCOMPARE(messages.at(2).members, (QList<int> { 3 }));
    QCOMPARE(messages.at(2).payload.body, PayloadBuilder::build(notifications.at(3), Shape::Slack).body);
}

void TestDigestBuilder::aSingleAccountIsItsOwnMessage()
{
    const auto notifications = signups({ QStringLiteral("Ana") });
    const auto messages = DigestBuilder::compose(notifications, Shape::Discord);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().payload.body, PayloadBuilder::build(notifications.first(), Shape::Discord).body);
}

void TestDigestBuilder::jsonListsTheAccounts()
{
    QStringList names;
    for (int i = 0; i < DigestBuilder::JsonAccountsLimit + 5; ++i) {
        names << QStringLiteral("User %1").arg(i);
    }
    const auto messages = DigestBuilder::compose(signups(names), Shape::Json);
    QCOMPARE(messages.size(), 2);
    const auto first = parse(messages.first().payload);
    QCOMPARE(first.value(QStringLiteral("event")).toString(), QStringLiteral("user.created"));
    QCOMPARE(first.value(QStringLiteral("action")).toString(), QStringLiteral("signup"));
    QCOMPARE(first.value(QStringLiteral("count")).toInt(), DigestBuilder::JsonAccountsLimit);
    const auto users = first.value(QStringLiteral("users")).toArray();
    QCOMPARE(users.size(), DigestBuilder::JsonAccountsLimit);
    QCOMPARE(users.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("User 1"));
    QCOMPARE(users.at(1).toObject().value(QStringLiteral("email")).toString(), QStringLiteral("user1@example.com"));
    QCOMPARE(parse(messages.last().payload).value(QStringLiteral("count")).toInt(), 5);
}

void TestDigestBuilder::endpointDefaultsFollowTheFormat()
{
    QTemporaryDir dir;
    Database database(TestFixtures::databaseLocation(dir.filePath(QStringLiteral("d.sqlite"))));
    QVERIFY(database.open());
    EndpointStore store(&database);
    const QList<QPair<QString, PayloadFormat::Format>> cases {
        { QStringLiteral("https://discord.com/api/webhooks/1/x"), PayloadFormat::Auto },
        { QStringLiteral("https://hooks.slack.com/services/T/B/x"), PayloadFormat::Auto },
        { QStringLiteral("https://chat.googleapis.com/v1/spaces/x"), PayloadFormat::Auto },
        { QStringLiteral("https://example.logic.azure.com/workflows/x"), PayloadFormat::Auto },
        { QStringLiteral("https://example.com/hook"), PayloadFormat::Discord },
        { QStringLiteral("https://example.com/hook"), PayloadFormat::Auto },
        { QStringLiteral("https://example.com/hook"), PayloadFormat::PlainText },
    };
    const QList<bool> expected { true, true, true, true, true, false, false };
    for (int i = 0; i < cases.size(); ++i) {
        Endpoint endpoint;
        endpoint.name = QStringLiteral("E%1").arg(i);
        endpoint.url = cases.at(i).first;
        endpoint.format = cases.at(i).second;
        QVERIFY(store.add(endpoint));
        const auto stored = store.find(endpoint.id);
        QVERIFY(stored);
        QCOMPARE(stored->digest, std::optional<bool>());
        QCOMPARE(stored->digests(), expected.at(i));
        QCOMPARE(stored->digestWindowSeconds, Endpoint::DefaultDigestWindowSeconds);
    }
    // A choice is kept whatever the format.
    auto endpoint = *store.findByName(QStringLiteral("E0"));
    endpoint.digest = false;
    endpoint.digestWindowSeconds = 42;
    QVERIFY(store.save(endpoint));
    QCOMPARE(store.find(endpoint.id)->digest, std::optional<bool>(false));
    QCOMPARE(store.find(endpoint.id)->digests(), false);
    QCOMPARE(store.find(endpoint.id)->digestWindowSeconds, 42);
    endpoint.digestWindowSeconds = Endpoint::MaximumDigestWindowSeconds + 1;
    QString error;
    QVERIFY(!store.save(endpoint, &error));
    QVERIFY2(error.contains(QStringLiteral("digest window")), qPrintable(error));
    endpoint.digestWindowSeconds = 0;
    QVERIFY(!endpoint.problem().isEmpty());
}

QTEST_GUILESS_MAIN(TestDigestBuilder)
#include "TestDigestBuilder.moc"

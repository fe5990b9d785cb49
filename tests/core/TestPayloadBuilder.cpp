#include "outbox/Notification.h"
#include "webhooks/PayloadBuilder.h"
#include "webhooks/PayloadFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

Notification signup(const QString& name)
{
    UserRecord user;
    user.id = QStringLiteral("0b7e8e43-6a4c-4d1e-9c1e-5f1f7f0a1b2c");
    user.name = name;
    user.email = QStringLiteral("ada@example.com");
    user.role = Role::User;
    user.createdAt = QDateTime(QDate(2026, 11, 26), QTime(9, 30, 0), Qt::UTC);
    auto notification = Notification::userCreated(user);
    notification.id = QStringLiteral("msg_1");
    return notification;
}

QJsonObject parse(const Payload& payload)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(payload.body, &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning() << "invalid JSON:" << error.errorString() << payload.body;
    }
    return document.object();
}

} // namespace

class TestPayloadBuilder : public QObject
{
    Q_OBJECT

private slots:
    void jsonKeepsNamesExactly_data();
    void jsonKeepsNamesExactly();
    void hostileNameInEveryShape_data();
    void hostileNameInEveryShape();
    void jsonShape();
    void plainText();
    void neverContainsPasswords();
    void golden_data();
    void golden();
    void discordTruncates();
    void slackEscapesEntities();
    void detect_data();
    void detect();
    void roundTripThroughOutbox();
    void customTemplateEscapesChanges_data();
    void customTemplateEscapesChanges();
};

void TestPayloadBuilder::jsonKeepsNamesExactly_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("sent");
    QTest::newRow("quotes") << QStringLiteral("Ada \"The Countess\" O'Neil")
                            << QStringLiteral("Ada \"The Countess\" O'Neil");
    QTest::newRow("backslashes") << QStringLiteral("C:\\Users\\ada\\") << QStringLiteral("C:\\Users\\ada\\");
    QTest::newRow("emoji") << QStringLiteral("Ada 👩‍💻🧶") << QStringLiteral("Ada 👩‍💻🧶");
    QTest::newRow("rtl letters") << QStringLiteral("مرحبا Ada") << QStringLiteral("مرحبا Ada");
    QTest::newRow("json injection") << QStringLiteral("\",\"role\":\"admin") << QStringLiteral("\",\"role\":\"admin");
    QTest::newRow("10000 characters") << QString(10000, QLatin1Char('x')) << QString(10000, QLatin1Char('x'));
    // Names stored before control characters were refused, and characters that reorder or hide text: sent visible.
    QTest::newRow("newlines") << QStringLiteral("line1\nline2\r\n}") << QStringLiteral("line1\\x0aline2\\x0d\\x0a}");
    QTest::newRow("override") << QStringLiteral("مرحبا Ada \u202Eevil") << QStringLiteral("مرحبا Ada \\u202eevil");
}

void TestPayloadBuilder::jsonKeepsNamesExactly()
{
    QFETCH(QString, name);
    QFETCH(QString, sent);
    const auto payload = PayloadBuilder::build(signup(name), PayloadFormat::Shape::Json);
    QCOMPARE(payload.contentType, QByteArrayLiteral("application/json"));
    const auto object = parse(payload);
    QCOMPARE(object.value(QStringLiteral("user")).toObject().value(QStringLiteral("name")).toString(), sent);
    QCOMPARE(object.value(QStringLiteral("message")).toString(), QStringLiteral("New user signed up: ") + sent);
    QCOMPARE(object.value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("user"));
}

void TestPayloadBuilder::hostileNameInEveryShape_data()
{
    QTest::addColumn<int>("shape");
    QTest::newRow("json") << int(PayloadFormat::Shape::Json);
    QTest::newRow("plain text") << int(PayloadFormat::Shape::PlainText);
    QTest::newRow("discord") << int(PayloadFormat::Shape::Discord);
    QTest::newRow("slack") << int(PayloadFormat::Shape::Slack);
    QTest::newRow("google chat") << int(PayloadFormat::Shape::GoogleChat);
    QTest::newRow("teams workflow") << int(PayloadFormat::Shape::TeamsWorkflow);
    QTest::newRow("teams connector") << int(PayloadFormat::Shape::TeamsConnector);
}

void TestPayloadBuilder::hostileNameInEveryShape()
{
    QFETCH(int, shape);
    // Shown raw, the override would turn "Ada…exe.png" into "Ada…gnp.exe"; the others hide or colour text.
    const auto hostile = QStringLiteral("Ada\u202Egnp.exe\u2066\u200B\uFEFF\u061C\x1b[31m\u009b");
    auto notification = signup(hostile);
    notification.user->email = QStringLiteral("ada\u202E@example.com"); // stored before emails were checked for it
    const auto payload = PayloadBuilder::build(notification, PayloadFormat::Shape(shape));
    const auto body = QString::fromUtf8(payload.body);
    for (const auto codePoint : { 0x202E, 0x2066, 0x200B, 0xFEFF, 0x061C, 0x1B, 0x9B }) {
        QVERIFY2(!body.contains(QChar(codePoint)),
                 qPrintable(QStringLiteral("U+%1 in %2").arg(codePoint, 4, 16).arg(body)));
    }
    QVERIFY2(body.contains(QLatin1String("u202egnp.exe")), qPrintable(body));
    if (PayloadFormat::Shape(shape) == PayloadFormat::Shape::Json) {
        const auto user = parse(payload).value(QStringLiteral("user")).toObject();
        QCOMPARE(user.value(QStringLiteral("name")).toString(),
                 QStringLiteral("Ada\\u202egnp.exe\\u2066\\u200b\\ufeff\\u061c\\x1b[31m\\x9b"));
        QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("ada\\u202e@example.com"));
    }
}

void TestPayloadBuilder::jsonShape()
{
    const auto payload = PayloadBuilder::build(signup(QStringLiteral("Ada")), PayloadFormat::Shape::Json);
    QCOMPARE(payload.body,
             QByteArrayLiteral("{\"action\":\"signup\",\"event\":\"user.created\",\"message\":\"New user signed up: "
                               "Ada\",\"user\":{\"created_at\":\"2026-11-26T09:30:00Z\",\"email\":\"ada@example.com\","
                               "\"id\":\"0b7e8e43-6a4c-4d1e-9c1e-5f1f7f0a1b2c\",\"name\":\"Ada\",\"role\":\"user\"}}"));
    const auto test = PayloadBuilder::build(Notification::test(), PayloadFormat::Shape::Json);
    const auto object = parse(test);
    QCOMPARE(object.value(QStringLiteral("event")).toString(), QStringLiteral("webhook.test"));
    QCOMPARE(object.value(QStringLiteral("action")).toString(), QStringLiteral("test"));
    QVERIFY(!object.contains(QStringLiteral("user")));
}

void TestPayloadBuilder::plainText()
{
    const auto payload = PayloadBuilder::build(signup(QStringLiteral("Zoé 🧶")), PayloadFormat::Shape::PlainText);
    QCOMPARE(payload.contentType, QByteArrayLiteral("text/plain; charset=utf-8"));
    QCOMPARE(payload.body, QStringLiteral("New user signed up: Zoé 🧶").toUtf8());
}

void TestPayloadBuilder::neverContainsPasswords()
{
    for (const auto shape :
         { PayloadFormat::Shape::Json, PayloadFormat::Shape::PlainText, PayloadFormat::Shape::Discord,
           PayloadFormat::Shape::Slack, PayloadFormat::Shape::GoogleChat, PayloadFormat::Shape::TeamsWorkflow,
           PayloadFormat::Shape::TeamsConnector }) {
        const auto body = PayloadBuilder::build(signup(QStringLiteral("Ada")), shape).body;
        QVERIFY(!body.contains("password"));
        QVERIFY(!body.contains("$argon2"));
    }
}

void TestPayloadBuilder::golden_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("discord mention")
        << int(PayloadFormat::Shape::Discord) << QStringLiteral("@everyone *bold* [x](http://e)")
        << QByteArrayLiteral("{\"allowed_mentions\":{\"parse\":[]},\"content\":\"New user signed up: @everyone "
                             "\\\\*bold\\\\* \\\\[x\\\\]\\\\(http://e\\\\)\"}");
    QTest::newRow("slack channel") << int(PayloadFormat::Shape::Slack) << QStringLiteral("<!channel> & <@U1>")
                                   << QByteArrayLiteral(
                                          "{\"mrkdwn\":false,\"text\":\"New user signed up: &lt;!channel&gt; "
                                          "&amp; &lt;@U1&gt;\"}");
    QTest::newRow("google chat") << int(PayloadFormat::Shape::GoogleChat) << QStringLiteral("<users/all>")
                                 << QByteArrayLiteral("{\"text\":\"New user signed up: &lt;users/all&gt;\"}");
    QTest::newRow("teams workflow")
        << int(PayloadFormat::Shape::TeamsWorkflow) << QStringLiteral("**Ada**")
        << QByteArrayLiteral(
               "{\"attachments\":[{\"content\":{\"$schema\":\"http://adaptivecards.io/schemas/adaptive-card.json\","
               "\"body\":[{\"size\":\"Medium\",\"text\":\"New user signed up: \\\\*\\\\*Ada\\\\*\\\\*\",\"type\":"
               "\"TextBlock\",\"weight\":\"Bolder\",\"wrap\":true},{\"facts\":[{\"title\":\"Name\",\"value\":"
               "\"\\\\*\\\\*Ada\\\\*\\\\*\"},{\"title\":\"Email\",\"value\":\"ada@example.com\"},{\"title\":\"Role\","
               "\"value\":\"user\"},{\"title\":\"Created\",\"value\":\"2026-11-26T09:30:00Z\"}],\"type\":\"FactSet\"}],"
               "\"type\":\"AdaptiveCard\",\"version\":\"1.4\"},\"contentType\":\"application/vnd.microsoft.card."
               "adaptive\"}],\"type\":\"message\"}");
    QTest::newRow("teams connector")
        << int(PayloadFormat::Shape::TeamsConnector) << QStringLiteral("Ada")
        << QByteArrayLiteral("{\"@context\":\"https://schema.org/extensions\",\"@type\":\"MessageCard\",\"sections\":[{"
                             "\"facts\":[{\"name\":\"Name\",\"value\":\"Ada\"},{\"name\":\"Email\",\"value\":\"ada@"
                             "example.com\"},{\"name\":\"Role\",\"value\":\"user\"},{\"name\":\"Created\",\"value\":"
                             "\"2026-11-26T09:30:00Z\"}]}],\"summary\":\"New user signed up: Ada\",\"title\":"
                             "\"New user signed up: Ada\"}");
}

void TestPayloadBuilder::golden()
{
    QFETCH(int, shape);
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);
    const auto payload = PayloadBuilder::build(signup(name), PayloadFormat::Shape(shape));
    QCOMPARE(payload.contentType, QByteArrayLiteral("application/json"));
    QCOMPARE(payload.body, expected);
}

void TestPayloadBuilder::discordTruncates()
{
    const auto payload = PayloadBuilder::build(signup(QString(10000, QLatin1Char('x'))), PayloadFormat::Shape::Discord);
    const auto content = parse(payload).value(QStringLiteral("content")).toString();
    QCOMPARE(content.size(), PayloadBuilder::DiscordContentLimit);
    QVERIFY(content.endsWith(QChar(0x2026)));

    // An emoji straddling the limit is never cut in half.
    const auto prefix = QStringLiteral("New user signed up: ");
    const QString name = QString(PayloadBuilder::DiscordContentLimit - 2 - prefix.size(), QLatin1Char('a'))
        + QStringLiteral("🧶🧶🧶");
    const auto cut = parse(PayloadBuilder::build(signup(name), PayloadFormat::Shape::Discord))
                         .value(QStringLiteral("content"))
                         .toString();
    QVERIFY(cut.size() <= PayloadBuilder::DiscordContentLimit);
    QVERIFY(!cut.at(cut.size() - 2).isHighSurrogate());
    QVERIFY(cut.toUtf8().isValidUtf8());
}

void TestPayloadBuilder::slackEscapesEntities()
{
    QCOMPARE(PayloadBuilder::escapeSlack(QStringLiteral("a<b>&c")), QStringLiteral("a&lt;b&gt;&amp;c"));
    QCOMPARE(PayloadBuilder::escapeMarkdown(QStringLiteral("_x_`y`")), QStringLiteral("\\_x\\_\\`y\\`"));
}

void TestPayloadBuilder::detect_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("format");
    QTest::newRow("discord") << QStringLiteral("https://discord.com/api/webhooks/1/t") << int(PayloadFormat::Discord);
    QTest::newRow("discordapp") << QStringLiteral("https://discordapp.com/api/webhooks/1/t")
                                << int(PayloadFormat::Discord);
    QTest::newRow("discord other path") << QStringLiteral("https://discord.com/channels/1") << int(PayloadFormat::Json);
    QTest::newRow("slack") << QStringLiteral("https://hooks.slack.com/services/T/B/X") << int(PayloadFormat::Slack);
    QTest::newRow("google chat") << QStringLiteral("https://chat.googleapis.com/v1/spaces/A/messages?key=k")
                                 << int(PayloadFormat::GoogleChat);
    QTest::newRow("teams workflow") << QStringLiteral("https://prod-01.westeurope.logic.azure.com:443/workflows/x")
                                    << int(PayloadFormat::Teams);
    QTest::newRow("teams power platform")
        << QStringLiteral("https://default1.environment.api.powerplatform.com/powerautomate/x")
        << int(PayloadFormat::Teams);
    QTest::newRow("teams connector") << QStringLiteral("https://contoso.webhook.office.com/webhookb2/x")
                                     << int(PayloadFormat::Teams);
    QTest::newRow("substring is not a host")
        << QStringLiteral("https://evil.example/hooks.slack.com/discord.com") << int(PayloadFormat::Json);
    QTest::newRow("lookalike host") << QStringLiteral("https://discord.com.evil.example/api/webhooks/1/t")
                                    << int(PayloadFormat::Json);
    QTest::newRow("generic") << QStringLiteral("http://127.0.0.1:8080/hook") << int(PayloadFormat::Json);
}

void TestPayloadBuilder::detect()
{
    QFETCH(QString, url);
    QFETCH(int, format);
    QCOMPARE(int(PayloadFormat::detect(QUrl(url))), format);
}

void TestPayloadBuilder::roundTripThroughOutbox()
{
    const auto original = signup(QStringLiteral("Ada %2 \"x\""));
    const auto copy = Notification::fromJson(original.toJson());
    QCOMPARE(copy.id, original.id);
    QCOMPARE(copy.event, original.event);
    QCOMPARE(copy.message(), QStringLiteral("New user signed up: Ada %2 \"x\""));
    QVERIFY(copy.user.has_value());
    QCOMPARE(copy.user->createdAt, original.user->createdAt);
}

void TestPayloadBuilder::customTemplateEscapesChanges_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<QString>("body");
    // The template's own mention (<!here>) is the administrator's choice and goes out as written; the name and the
    // changed values, {changes} included, are escaped.
    QTest::newRow("slack") << int(PayloadFormat::Shape::Slack)
                           << QStringLiteral("{\"mrkdwn\":false,\"text\":\"<!here> &lt;@U1&gt; changed: name: "
                                             "&lt;!channel&gt; → @everyone\"}");
    QTest::newRow("google chat") << int(PayloadFormat::Shape::GoogleChat)
                                 << QStringLiteral("{\"text\":\"<!here> &lt;@U1&gt; changed: name: &lt;!channel&gt; "
                                                   "→ @everyone\"}");
    QTest::newRow("discord") << int(PayloadFormat::Shape::Discord)
                             << QStringLiteral("{\"allowed_mentions\":{\"parse\":[]},\"content\":\"<!here> "
                                               "\\\\<@U1\\\\> changed: name: \\\\<!channel\\\\> → @everyone\"}");
    QTest::newRow("plain text") << int(PayloadFormat::Shape::PlainText)
                                << QStringLiteral("<!here> <@U1> changed: name: <!channel> → @everyone");
}

void TestPayloadBuilder::customTemplateEscapesChanges()
{
    QFETCH(int, shape);
    QFETCH(QString, body);
    auto notification = signup(QStringLiteral("<@U1>"));
    notification.event = Event::UserUpdated;
    notification.changes = QJsonObject { { QStringLiteral("name"),
                                           QJsonObject { { QStringLiteral("from"), QStringLiteral("<!channel>") },
                                                         { QStringLiteral("to"), QStringLiteral("@everyone") } } } };
    notification.text = QStringLiteral("<!here> {name} changed: {changes}");
    QCOMPARE(QString::fromUtf8(PayloadBuilder::build(notification, PayloadFormat::Shape(shape)).body), body);
}

QTEST_GUILESS_MAIN(TestPayloadBuilder)
#include "TestPayloadBuilder.moc"

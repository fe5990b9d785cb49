#include "outbox/Notification.h"
#include "webhooks/MessageTemplate.h"
#include "webhooks/PayloadBuilder.h"
#include "webhooks/PayloadFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <type_traits>

namespace {

// A name and an email that try every service's mentions and markup.
const QString HostileName = QStringLiteral("@everyone <@123> <!channel> *b* _i_ [l](http://e) & <users/all>");
const QString HostileEmail = QStringLiteral("x&y<z>@example.com");

// The administrator role, whether roles are stored as keys or typed.
template<typename R>
void makeAdmin(R& role)
{
    if constexpr (std::is_same_v<R, QString>) {
        role = QStringLiteral("admin");
    } else {
        role = R::Admin;
    }
}

Notification hostile(const QString& text)
{
    UserRecord user;
    user.id = QStringLiteral("u-1");
    user.name = HostileName;
    user.email = HostileEmail;
    makeAdmin(user.role);
    user.createdAt = QDateTime(QDate(2026, 11, 26), QTime(9, 30, 0), Qt::UTC);
    auto notification = Notification::forEvent(Event::UserCreated, user);
    notification.id = QStringLiteral("msg_1");
    notification.text = text;
    return notification;
}

QString upper(const QString& text)
{
    return text.toUpper();
}

} // namespace

// Message templates: placeholders, literal braces, the problems named, and values (never the template) escaped for
// each format.
class TestMessageTemplate : public QObject
{
    Q_OBJECT

private slots:
    void placeholders();
    void defaultsAreValid();
    void problem_data();
    void problem();
    void render_data();
    void render();
    void renderWithProblemIsUnchanged();
    void valuesEscapedPerFormat_data();
    void valuesEscapedPerFormat();
    void discordLimitWithLongTemplate();
};

void TestMessageTemplate::placeholders()
{
    QCOMPARE(MessageTemplate::placeholders(),
             (QStringList { QStringLiteral("{name}"), QStringLiteral("{email}"), QStringLiteral("{role}"),
                            QStringLiteral("{id}"), QStringLiteral("{created_at}"), QStringLiteral("{changes}"),
                            QStringLiteral("{event}") }));
}

void TestMessageTemplate::defaultsAreValid()
{
    for (const auto event : Events::all()) {
        const auto text = MessageTemplate::defaultText(event);
        QVERIFY2(!text.isEmpty(), qPrintable(Events::key(event)));
        QCOMPARE(MessageTemplate::problem(text), QString());
        if (event != Event::WebhookTest) {
            QVERIFY2(text.contains(QLatin1String("{name}")), qPrintable(text));
        }
    }
    QCOMPARE(MessageTemplate::defaultText(Event::UserCreated), QStringLiteral("New user signed up: {name}"));
}

void TestMessageTemplate::problem_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    const auto list = QStringLiteral("{name}, {email}, {role}, {id}, {created_at}, {changes}, {event}");

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("plain") << QStringLiteral("Hello") << QString();
    QTest::newRow("every placeholder") << QStringLiteral("{name} {email} {role} {id} {created_at} {changes} {event}")
                                       << QString();
    QTest::newRow("literal braces") << QStringLiteral("{{name}} }}{{") << QString();
    QTest::newRow("placeholder in braces") << QStringLiteral("{{{name}}}") << QString();
    QTest::newRow("line breaks") << QStringLiteral("**{name}**\n{email}") << QString();
    QTest::newRow("longest") << QString(MessageTemplate::MaximumLength, QLatin1Char('x')) << QString();

    QTest::newRow("unknown") << QStringLiteral("Hi {nom}!")
                             << QStringLiteral("Unknown placeholder {nom}: use %1, or {{ and }} for braces of "
                                               "their own.")
                                    .arg(list);
    QTest::newRow("case matters") << QStringLiteral("{Name}")
                                  << QStringLiteral("Unknown placeholder {Name}: use %1, or {{ and }} for braces of "
                                                    "their own.")
                                         .arg(list);
    QTest::newRow("empty braces") << QStringLiteral("a {} b")
                                  << QStringLiteral("Unknown placeholder {}: use %1, or {{ and }} for braces of "
                                                    "their own.")
                                         .arg(list);
    QTest::newRow("spaces inside") << QStringLiteral("{ name }")
                                   << QStringLiteral("Unknown placeholder { name }: use %1, or {{ and }} for braces "
                                                     "of their own.")
                                          .arg(list);
    QTest::newRow("long unknown") << QStringLiteral("{%1}").arg(QString(50, QLatin1Char('n')))
                                  << QStringLiteral("Unknown placeholder {%1…}: use %2, or {{ and }} for braces of "
                                                    "their own.")
                                         .arg(QString(19, QLatin1Char('n')), list);
    QTest::newRow("never closed") << QStringLiteral("Hi {name")
                                  << QStringLiteral("The brace at position 4 (\"{name\") is never closed: write {{ "
                                                    "for a brace of its own.");
    QTest::newRow("opened twice") << QStringLiteral("{na{me}")
                                  << QStringLiteral("The brace at position 1 (\"{na\") is never closed: write {{ for "
                                                    "a brace of its own.");
    QTest::newRow("closes nothing") << QStringLiteral("Hi name} and {email}")
                                    << QStringLiteral("The brace at position 8 (\"Hi name}\") closes nothing: write }} "
                                                      "for a brace of its own.");
    QTest::newRow("odd closing") << QStringLiteral("{name}}}}")
                                 << QStringLiteral("The brace at position 9 (\"{name}}}}\") closes nothing: write }} "
                                                   "for a brace of its own.");
    QTest::newRow("too long") << QString(MessageTemplate::MaximumLength + 1, QLatin1Char('x'))
                              << QStringLiteral("The message is too long: 4000 characters at most.");
}

void TestMessageTemplate::problem()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    QCOMPARE(MessageTemplate::problem(text), problem);
}

void TestMessageTemplate::render_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("rendered");
    QTest::newRow("placeholders") << QStringLiteral("{name} <{email}> is {role}")
                                  << QStringLiteral("ADA <ADA@EXAMPLE.COM> is {ROLE}");
    QTest::newRow("literal braces") << QStringLiteral("{{name}}: {name}") << QStringLiteral("{name}: ADA");
    QTest::newRow("value in braces") << QStringLiteral("{{{name}}}") << QStringLiteral("{ADA}");
    QTest::newRow("missing value is empty") << QStringLiteral("[{id}]") << QStringLiteral("[]");
    // The template is never passed through escape: only the values are.
    QTest::newRow("template untouched") << QStringLiteral("*new*: {name}") << QStringLiteral("*new*: ADA");
    QTest::newRow("value that looks like a placeholder") << QStringLiteral("{role}") << QStringLiteral("{ROLE}");
}

void TestMessageTemplate::render()
{
    QFETCH(QString, text);
    QFETCH(QString, rendered);
    const MessageTemplate::Values values { { QStringLiteral("name"), QStringLiteral("Ada") },
                                           { QStringLiteral("email"), QStringLiteral("ada@example.com") },
                                           { QStringLiteral("role"), QStringLiteral("{role}") } };
    QCOMPARE(MessageTemplate::render(text, values, &upper), rendered);
    // Without an escape function the values go in as they are.
    QCOMPARE(MessageTemplate::render(QStringLiteral("{name}/{role}"), values), QStringLiteral("Ada/{role}"));
}

void TestMessageTemplate::renderWithProblemIsUnchanged()
{
    const MessageTemplate::Values values { { QStringLiteral("name"), QStringLiteral("Ada") } };
    QCOMPARE(MessageTemplate::render(QStringLiteral("{name} {nope}"), values), QStringLiteral("{name} {nope}"));
    QCOMPARE(MessageTemplate::render(QStringLiteral("{name"), values), QStringLiteral("{name"));
}

void TestMessageTemplate::valuesEscapedPerFormat_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<QByteArray>("body");

    // The administrator's template keeps its markup and even a mention of its own (<!here>, @here); the account's
    // values are escaped for the service, so that whatever the template they stay inert text.
    QTest::newRow("discord") << int(PayloadFormat::Shape::Discord)
                             << QByteArrayLiteral(
                                    "{\"allowed_mentions\":{\"parse\":[]},\"content\":\"**New** @here: @everyone "
                                    "\\\\<@123\\\\> \\\\<!channel\\\\> \\\\*b\\\\* \\\\_i\\\\_ \\\\[l\\\\]\\\\(http://"
                                    "e\\\\) & \\\\<users/all\\\\> (x&y\\\\<z\\\\>@example.com) {literal}\"}");
    QTest::newRow("slack") << int(PayloadFormat::Shape::Slack)
                           << QByteArrayLiteral("{\"mrkdwn\":false,\"text\":\"**New** @here: @everyone &lt;@123&gt; "
                                                "&lt;!channel&gt; *b* _i_ [l](http://e) &amp; &lt;users/all&gt; "
                                                "(x&amp;y&lt;z&gt;@example.com) {literal}\"}");
    QTest::newRow("google chat") << int(PayloadFormat::Shape::GoogleChat)
                                 << QByteArrayLiteral("{\"text\":\"**New** @here: @everyone &lt;@123&gt; "
                                                      "&lt;!channel&gt; *b* _i_ [l](http://e) &amp; &lt;users/all&gt; "
                                                      "(x&amp;y&lt;z&gt;@example.com) {literal}\"}");
    QTest::newRow("json") << int(PayloadFormat::Shape::Json)
                          << QByteArrayLiteral(
                                 "{\"action\":\"signup\",\"event\":\"user.created\",\"message\":\"**New** @here: "
                                 "@everyone <@123> <!channel> *b* _i_ [l](http://e) & <users/all> "
                                 "(x&y<z>@example.com) {literal}\",\"user\":{\"created_at\":\"2026-11-26T09:30:00Z\","
                                 "\"email\":\"x&y<z>@example.com\",\"id\":\"u-1\",\"name\":\"@everyone <@123> "
                                 "<!channel> *b* _i_ [l](http://e) & <users/all>\",\"role\":\"admin\"}}");
    QTest::newRow("plain text") << int(PayloadFormat::Shape::PlainText)
                                << QByteArrayLiteral("**New** @here: @everyone <@123> <!channel> *b* _i_ [l](http://e) "
                                                     "& <users/all> (x&y<z>@example.com) {literal}");
    QTest::newRow("teams workflow")
        << int(PayloadFormat::Shape::TeamsWorkflow)
        << QByteArrayLiteral(
               "{\"attachments\":[{\"content\":{\"$schema\":\"http://adaptivecards.io/schemas/adaptive-card.json\","
               "\"body\":[{\"size\":\"Medium\",\"text\":\"**New** @here: @everyone \\\\<@123\\\\> \\\\<!channel\\\\> "
               "\\\\*b\\\\* \\\\_i\\\\_ \\\\[l\\\\]\\\\(http://e\\\\) & \\\\<users/all\\\\> (x&y\\\\<z\\\\>@example."
               "com) {literal}\",\"type\":\"TextBlock\",\"weight\":\"Bolder\",\"wrap\":true},{\"facts\":[{\"title\":"
               "\"Name\",\"value\":\"@everyone \\\\<@123\\\\> \\\\<!channel\\\\> \\\\*b\\\\* \\\\_i\\\\_ \\\\[l\\\\]"
               "\\\\(http://e\\\\) & \\\\<users/all\\\\>\"},{\"title\":\"Email\",\"value\":\"x&y\\\\<z\\\\>@example."
               "com\"},{\"title\":\"Role\",\"value\":\"admin\"},{\"title\":\"Created\",\"value\":\"2026-11-26T09:30:"
               "00Z\"}],\"type\":\"FactSet\"}],\"type\":\"AdaptiveCard\",\"version\":\"1.4\"},\"contentType\":"
               "\"application/vnd.microsoft.card.adaptive\"}],\"type\":\"message\"}");
    QTest::newRow("teams connector")
        << int(PayloadFormat::Shape::TeamsConnector)
        << QByteArrayLiteral(
               "{\"@context\":\"https://schema.org/extensions\",\"@type\":\"MessageCard\",\"sections\":[{\"facts\":[{"
               "\"name\":\"Name\",\"value\":\"@everyone \\\\<@123\\\\> \\\\<!channel\\\\> \\\\*b\\\\* \\\\_i\\\\_ "
               "\\\\[l\\\\]\\\\(http://e\\\\) & \\\\<users/all\\\\>\"},{\"name\":\"Email\",\"value\":\"x&y\\\\<z\\\\>@"
               "example.com\"},{\"name\":\"Role\",\"value\":\"admin\"},{\"name\":\"Created\",\"value\":\"2026-11-26T09:"
               "30:00Z\"}]}],\"summary\":\"**New** @here: @everyone <@123> <!channel> *b* _i_ [l](http://e) & "
               "<users/all> (x&y<z>@example.com) {literal}\",\"title\":\"**New** @here: @everyone \\\\<@123\\\\> "
               "\\\\<!channel\\\\> \\\\*b\\\\* \\\\_i\\\\_ \\\\[l\\\\]\\\\(http://e\\\\) & \\\\<users/all\\\\> "
               "(x&y\\\\<z\\\\>@example.com) {literal}\"}");
}

void TestMessageTemplate::valuesEscapedPerFormat()
{
    QFETCH(int, shape);
    QFETCH(QByteArray, body);
    const auto payload = PayloadBuilder::build(hostile(QStringLiteral("**New** @here: {name} ({email}) {{literal}}")),
                                               PayloadFormat::Shape(shape));
    QCOMPARE(payload.body, body);
}

void TestMessageTemplate::discordLimitWithLongTemplate()
{
    // A long template and a long name still fit Discord's 2,000 characters, cut with an ellipsis.
    const QString text = QString(3000, QLatin1Char('x')) + QStringLiteral(" {name}");
    QCOMPARE(MessageTemplate::problem(text), QString());
    const auto payload = PayloadBuilder::build(hostile(text), PayloadFormat::Shape::Discord);
    const auto object = QJsonDocument::fromJson(payload.body).object();
    const auto content = object.value(QStringLiteral("content")).toString();
    QCOMPARE(content.size(), PayloadBuilder::DiscordContentLimit);
    QCOMPARE(content, QString(PayloadBuilder::DiscordContentLimit - 1, QLatin1Char('x')) + QChar(0x2026));
    QCOMPARE(object.value(QStringLiteral("allowed_mentions")).toObject(),
             QJsonObject({ { QStringLiteral("parse"), QJsonArray() } }));

    // The cut never leaves half an escape: "\<" is dropped whole rather than ending the content with a backslash.
    const auto prefix = QString(PayloadBuilder::DiscordContentLimit - 2, QLatin1Char('y'));
    auto notification = hostile(prefix + QStringLiteral("{name}"));
    notification.user->name = QStringLiteral("<@123>");
    const auto cut = QJsonDocument::fromJson(PayloadBuilder::build(notification, PayloadFormat::Shape::Discord).body)
                         .object()
                         .value(QStringLiteral("content"))
                         .toString();
    QCOMPARE(cut, prefix + QChar(0x2026));
}

QTEST_GUILESS_MAIN(TestMessageTemplate)
#include "TestMessageTemplate.moc"

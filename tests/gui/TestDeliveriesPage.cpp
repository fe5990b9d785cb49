#include "DeliveriesModel.h"
#include "DeliveriesPage.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryResult.h"
#include "outbox/DeliveryService.h"
#include "outbox/Notification.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "text/TimeFormat.h"
#include "text/Translations.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"
#include "webhooks/WebhookUrl.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTranslator>

#include <memory>

namespace {

// A database with a webhook pointing at a loopback receiver, a delivery service and the page under test.
struct Harness
{
    QTemporaryDir dir;
    Database database { dir.filePath(QStringLiteral("crochet.sqlite")) };
    TestReceiver receiver;
    DeliveryService service { &database };
    std::unique_ptr<DeliveriesPage> page;

    bool open()
    {
        if (!dir.isValid() || !database.open() || !receiver.listen()) {
            return false;
        }
        Settings settings(&database);
        return TestFixtures::setWebhookUrl(settings.database(), receiver.url().toString());
    }

    // Creates an account with its notification, as the Users page does; returns the notification's id.
    QString createAccount(const QString& name)
    {
        NewUser user;
        user.name = name;
        user.email = name.toLower() + QStringLiteral("@example.org");
        user.role = Role::User;
        const auto created = UserStore(&database).create(user, QByteArray());
        return created.ok && !created.notifications.isEmpty() ? created.notifications.constFirst().id : QString();
    }

    void showPage()
    {
        page = std::make_unique<DeliveriesPage>(&database, &service);
        page->resize(1000, 700);
        page->show();
    }

    DeliveriesModel* model() const { return page->model(); }
    QTableView* view() const { return page->findChild<QTableView*>(QStringLiteral("deliveriesView")); }
    QComboBox* filter() const { return page->findChild<QComboBox*>(QStringLiteral("stateFilterCombo")); }
    QTextBrowser* details() const { return page->findChild<QTextBrowser*>(QStringLiteral("attemptsText")); }
    QPushButton* button(const char* name) const { return page->findChild<QPushButton*>(QLatin1String(name)); }

    QVariant value(const QString& id, int column, int role = Qt::DisplayRole) const
    {
        const int row = model()->rowOf(id);
        return row < 0 ? QVariant() : model()->index(row, column).data(role);
    }
    QString state(const QString& id) const
    {
        return value(id, DeliveriesModel::StateColumn, DeliveriesModel::StateRole).toString();
    }
    int attempts(const QString& id) const { return value(id, DeliveriesModel::AttemptsColumn).toInt(); }
    int countInState(const QString& state) const
    {
        int count = 0;
        for (int row = 0; row < model()->rowCount(); ++row) {
            count += model()->index(row, 0).data(DeliveriesModel::StateRole).toString() == state ? 1 : 0;
        }
        return count;
    }
    void select(const QString& id) const { view()->selectRow(model()->rowOf(id)); }
    QStringList detailLines() const { return details()->toPlainText().split(QLatin1Char('\n')); }
};

// Upper-cases every string of the Deliveries tab, to watch a change of language happen.
class ShoutingTranslator : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char* context, const char* sourceText, const char* disambiguation = nullptr,
                      int n = -1) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        const auto name = QLatin1String(context);
        if (name == QLatin1String("DeliveriesPage") || name == QLatin1String("DeliveriesModel")) {
            return QString::fromUtf8(sourceText).toUpper();
        }
        return {};
    }
};

const QString Pending = QStringLiteral("pending");
const QString Delivered = QStringLiteral("delivered");
const QString Failed = QStringLiteral("failed");

// Writes a notification row directly, created at base + order milliseconds.
bool insertNotification(QSqlDatabase db, int order, const QString& state, qint64 base)
{
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO notifications (id, event, user_id, user_name, payload, state, attempts, "
                                  "next_attempt_at, last_status, last_result, created_at, updated_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(QStringLiteral("n%1").arg(order, 6, 10, QLatin1Char('0')));
    insert.addBindValue(QStringLiteral("user.created"));
    insert.addBindValue(QStringLiteral("u%1").arg(order));
    insert.addBindValue(QStringLiteral("User %1").arg(order));
    insert.addBindValue(QStringLiteral("{}"));
    insert.addBindValue(state);
    insert.addBindValue(state == Pending ? 0 : 1);
    insert.addBindValue(state == Pending ? QVariant(base + order) : QVariant());
    insert.addBindValue(state == Pending ? QVariant() : QVariant(state == Delivered ? 200 : 404));
    insert.addBindValue(state == Pending ? QVariant() : QVariant(QStringLiteral("result %1").arg(order)));
    insert.addBindValue(base + order);
    insert.addBindValue(base + order);
    return insert.exec();
}

bool execute(QSqlDatabase db, const QString& statement)
{
    QSqlQuery query(db);
    return query.exec(statement);
}

QStringList modelIds(const DeliveriesModel& model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids << model.index(row, 0).data(DeliveriesModel::IdRole).toString();
    }
    return ids;
}

QStringList outboxIds(Database* database, std::optional<Outbox::State> state, int limit)
{
    QStringList ids;
    const auto rows = Outbox(database).list(state, limit, 0);
    for (const auto& row : rows) {
        ids << row.id;
    }
    return ids;
}

} // namespace

class TestDeliveriesPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rowsFollowDeliveries();
    void filterShowsOnlyThatState();
    void detailPaneShowsAttempts();
    void deliveredAttemptShowsItsBody();
    void digestAttemptSaysSo();
    void serverErrorLeavesPending();
    void retryAllFailed();
    void redeliverOne();
    void languageChangeRetranslates();
    void refreshReconcilesWithDatabase();
    void lazyLoadingOverManyRows();
    void hostileTextShownVisibly();
    void stateColumnIsNeverCut_data();
    void stateColumnIsNeverCut();
    void eventNamesAreReadable();
    void sameMillisecondKeepsTheRecordedOrder();
    void detailsStartAtTheTopOfANewSelection();
    void selectedRowStaysInPlaceWhenRowsArrive();
    void tabLeavesTheTable();
    void heldNotificationsSayWhy();
    void filtersByEndpointAndAccount();
};

void TestDeliveriesPage::initTestCase()
{
    qunsetenv("WEBHOOK_URL");
}

void TestDeliveriesPage::rowsFollowDeliveries()
{
    Harness h;
    QVERIFY(h.open());
    const QStringList ids = { h.createAccount(QStringLiteral("Alice")), h.createAccount(QStringLiteral("Bob")),
                              h.createAccount(QStringLiteral("Carol")) };
    QVERIFY(!ids.contains(QString()));

    h.showPage();
    QCOMPARE(h.model()->rowCount(), 3);
    QCOMPARE(h.model()->canFetchMore({}), false);
    for (const auto& id : ids) {
        QCOMPARE(h.state(id), Pending);
        QCOMPARE(h.value(id, DeliveriesModel::EventColumn).toString(), QStringLiteral("Account created"));
        QCOMPARE(h.value(id, DeliveriesModel::StateColumn).toString(), QStringLiteral("Pending"));
        QCOMPARE(h.attempts(id), 0);
    }
    QCOMPARE(h.value(ids.at(1), DeliveriesModel::AccountColumn).toString(), QStringLiteral("Bob"));
    QCOMPARE(h.page->findChild<QLabel*>(QStringLiteral("summaryLabel"))->text(),
             QStringLiteral("Total: 3 · Pending: 3 · Failed: 0"));

    h.service.start();
    QTRY_COMPARE(h.countInState(Delivered), 3);
    Outbox outbox(&h.database);
    for (const auto& id : ids) {
        QCOMPARE(h.attempts(id), 1);
        QCOMPARE(h.value(id, DeliveriesModel::StateColumn).toString(), QStringLiteral("Delivered"));
        QCOMPARE(h.value(id, 0, DeliveriesModel::LastStatusRole).toInt(), 200);
        QCOMPARE(h.value(id, DeliveriesModel::LastResultColumn).toString(), outbox.attempts(id).constLast().summary());
        QCOMPARE(h.value(id, DeliveriesModel::NextAttemptColumn).toString(), QString());
    }
    QTRY_COMPARE(h.page->findChild<QLabel*>(QStringLiteral("summaryLabel"))->text(),
                 QStringLiteral("Total: 3 · Pending: 0 · Failed: 0"));

    // A new account appears at the top, and the selection stays on its notification.
    h.select(ids.at(1));
    const auto daveId = h.createAccount(QStringLiteral("Dave"));
    h.service.wake();
    QTRY_COMPARE(h.model()->rowCount(), 4);
    QCOMPARE(h.model()->index(0, 0).data(DeliveriesModel::IdRole).toString(), daveId);
    QTRY_COMPARE(h.state(daveId), Delivered);
    const auto selected = h.view()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.constFirst().data(DeliveriesModel::IdRole).toString(), ids.at(1));
    QCOMPARE(h.receiver.count(), 4);
}

void TestDeliveriesPage::filterShowsOnlyThatState()
{
    Harness h;
    QVERIFY(h.open());
    // 404 is not retried: one of the three fails for good, whichever request it answers.
    h.receiver.setResponses({ TestReceiver::status(200), TestReceiver::status(404), TestReceiver::status(200) });
    for (const auto& name : { QStringLiteral("Alice"), QStringLiteral("Bob"), QStringLiteral("Carol") }) {
        QVERIFY(!h.createAccount(name).isEmpty());
    }
    h.showPage();
    h.service.start();
    QTRY_COMPARE(h.countInState(Delivered), 2);
    QTRY_COMPARE(h.countInState(Failed), 1);
    h.service.stop();
    QVERIFY(!h.createAccount(QStringLiteral("Dave")).isEmpty());

    // All comes last: choosing it again reloads, and shows the account created since the page opened.
    const QList<QPair<QString, int>> expected = { { Pending, 1 }, { Delivered, 2 }, { Failed, 1 }, { QString(), 4 } };
    auto* combo = h.filter();
    QCOMPARE(combo->count(), expected.size());
    QCOMPARE(combo->itemText(0), QStringLiteral("All"));
    QCOMPARE(combo->itemText(3), QStringLiteral("Failed"));
    for (const auto& [state, rows] : expected) {
        const int index = combo->findData(state);
        QVERIFY(index >= 0);
        combo->setCurrentIndex(index);
        QCOMPARE(h.model()->rowCount(), rows);
        if (!state.isEmpty()) {
            QCOMPARE(h.countInState(state), rows);
        }
    }
    QCOMPARE(h.countInState(Pending), 1);
}

void TestDeliveriesPage::detailPaneShowsAttempts()
{
    Harness h;
    QVERIFY(h.open());
    h.receiver.setStatus(404);
    const auto id = h.createAccount(QStringLiteral("Alice"));
    h.showPage();
    QCOMPARE(h.button("redeliverButton")->isEnabled(), false);
    QVERIFY(h.detailLines().contains(QStringLiteral("Select a notification to see its attempts.")));
    h.service.start();
    QTRY_COMPARE(h.state(id), Failed);
    QCOMPARE(h.value(id, DeliveriesModel::StateColumn).toString(), QStringLiteral("Failed"));
    QCOMPARE(h.value(id, DeliveriesModel::NextAttemptColumn).toString(), QString());

    h.select(id);
    QCOMPARE(h.button("redeliverButton")->isEnabled(), true);
    const auto lines = h.detailLines();
    const auto diagnostic = DeliveryResult::fromHttpStatus(404).summary();
    QVERIFY(lines.contains(QStringLiteral("Notification (webhook-id): ") + id));
    QVERIFY(lines.contains(QStringLiteral("Account: Alice")));
    QVERIFY(lines.contains(QStringLiteral("State: Failed")));
    QVERIFY(lines.contains(QStringLiteral("Attempt 1")));
    QVERIFY(!lines.contains(QStringLiteral("Attempt 2")));
    QVERIFY(lines.contains(QStringLiteral("URL: ") + WebhookUrl::mask(h.receiver.url().toString())));
    QVERIFY(lines.contains(QStringLiteral("Response status: 404")));
    QVERIFY(lines.contains(QStringLiteral("Diagnostic: ") + diagnostic));
    QVERIFY(lines.contains(QStringLiteral("webhook-id: ") + id));
    QVERIFY(lines.contains(QStringLiteral("Request body")));
    QVERIFY(h.details()->toPlainText().contains(QStringLiteral("Alice")));
    QCOMPARE(h.value(id, DeliveriesModel::LastResultColumn).toString(), diagnostic);

    // Recorded in English, shown in French once the language changes: the list and the attempt alike.
    const auto restore = qScopeGuard([] {
        Translations::install(QStringLiteral("en"));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    });
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    const auto french = DeliveryResult::fromHttpStatus(404).summary();
    QVERIFY(french.contains(QStringLiteral("créez un nouveau webhook")));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    QTRY_COMPARE(h.value(id, DeliveriesModel::LastResultColumn).toString(), french);
    // The pane's plain text turns no-break spaces into spaces.
    auto plain = french;
    plain.replace(QChar(0x00A0), QLatin1Char(' '));
    QTRY_VERIFY2(h.details()->toPlainText().contains(plain), qPrintable(h.details()->toPlainText()));
}

void TestDeliveriesPage::deliveredAttemptShowsItsBody()
{
    // A delivered attempt keeps only a compact row; the pane shows the body and headers from the notification.
    Harness h;
    QVERIFY(h.open());
    h.receiver.setStatus(204);
    const auto id = h.createAccount(QStringLiteral("Alice"));
    h.showPage();
    h.service.start();
    QTRY_COMPARE(h.state(id), Delivered);
    h.select(id);
    const auto lines = h.detailLines();
    QVERIFY(lines.contains(QStringLiteral("State: Delivered")));
    QVERIFY(lines.contains(QStringLiteral("Attempt 1")));
    QVERIFY(lines.contains(QStringLiteral("URL: ") + WebhookUrl::mask(h.receiver.url().toString())));
    QVERIFY(lines.contains(QStringLiteral("Response status: 204")));
    QVERIFY(lines.contains(QStringLiteral("webhook-id: ") + id));
    QVERIFY(lines.contains(QStringLiteral("Content-Type: application/json")));
    QVERIFY(lines.contains(QStringLiteral("Request body")));
    const auto sent = QString::fromUtf8(h.receiver.requests().first().body);
    QVERIFY(sent.contains(QStringLiteral("alice@example.org")));
    QVERIFY2(h.details()->toPlainText().contains(QStringLiteral("alice@example.org")),
             qPrintable(h.details()->toPlainText()));
}

void TestDeliveriesPage::digestAttemptSaysSo()
{
    // A Slack webhook sends digests: the pane says which, with whom, and shows the digest's body.
    Harness h;
    QVERIFY(h.open());
    QVERIFY(TestFixtures::setWebhookFormat(&h.database, QStringLiteral("slack")));
    QVERIFY(EndpointStore(&h.database).update(EndpointStore(&h.database).main().id, [](Endpoint& endpoint) {
        endpoint.digestWindowSeconds = 1;
        return true;
    }));
    h.receiver.setStatus(200);
    const auto ana = h.createAccount(QStringLiteral("Ana"));
    const auto bo = h.createAccount(QStringLiteral("Bo"));
    h.createAccount(QStringLiteral("Cy"));
    h.showPage();
    h.service.start();
    QTRY_COMPARE_WITH_TIMEOUT(h.state(bo), Delivered, 10000);
    QTRY_COMPARE(h.state(ana), Delivered);
    QCOMPARE(h.receiver.count(), 1);
    // One row per notification.
    QCOMPARE(h.model()->rowCount(), 3);
    h.select(bo);
    const auto lines = h.detailLines();
    QVERIFY2(lines.contains(QStringLiteral("Sent in a digest of 3 with Ana, Cy")), qPrintable(lines.join(u'\n')));
    QVERIFY(lines.contains(QStringLiteral("Digest (webhook-id): ")
                           + QString::fromLatin1(h.receiver.requests().first().header("webhook-id"))));
    QVERIFY(lines.contains(QStringLiteral("Request body (the digest's)")));
    QVERIFY(h.details()->toPlainText().contains(QStringLiteral("3 new users signed up: Ana, Bo, Cy")));

    // Redeliver: that account's own message, alone.
    QTest::mouseClick(h.button("redeliverButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(h.receiver.count(), 2, 10000);
    QCOMPARE(h.receiver.requests().constLast().header("webhook-id"), bo.toUtf8());
    QCOMPARE(QJsonDocument::fromJson(h.receiver.requests().constLast().body)
                 .object()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("New user signed up: Bo"));
    QTRY_COMPARE(h.attempts(bo), 2);
    QCOMPARE(h.attempts(ana), 1);
}

void TestDeliveriesPage::serverErrorLeavesPending()
{
    Harness h;
    QVERIFY(h.open());
    h.receiver.setStatus(500);
    const auto id = h.createAccount(QStringLiteral("Alice"));
    h.showPage();
    h.service.start();
    QTRY_COMPARE(h.attempts(id), 1);
    h.select(id);
    QCOMPARE(h.state(id), Pending);
    QCOMPARE(h.value(id, DeliveriesModel::StateColumn).toString(), QStringLiteral("Pending"));
    QCOMPARE(h.value(id, 0, DeliveriesModel::LastStatusRole).toInt(), 500);
    // The second attempt of the schedule comes 5 s (±20 %) after the first.
    const auto next = h.value(id, 0, DeliveriesModel::NextAttemptRole).toDateTime();
    const auto attempts = Outbox(&h.database).attempts(id);
    QCOMPARE(attempts.size(), 1);
    QVERIFY(next.isValid());
    const auto delay = attempts.constFirst().startedAt.msecsTo(next);
    QVERIFY2(delay >= 4000 && delay <= 7000, qPrintable(QString::number(delay)));
    QCOMPARE(h.value(id, DeliveriesModel::NextAttemptColumn).toString(), TimeFormat::dateTime(next));

    const auto diagnostic = DeliveryResult::fromHttpStatus(500).summary();
    QVERIFY(diagnostic.startsWith(QLatin1String("HTTP 500: the receiver failed while handling the request. Check")));
    QCOMPARE(h.value(id, DeliveriesModel::LastResultColumn).toString(), diagnostic);
    QTRY_VERIFY(h.detailLines().contains(QStringLiteral("Next attempt: ") + TimeFormat::dateTime(next)));
    const auto lines = h.detailLines();
    QVERIFY(lines.contains(QStringLiteral("State: Pending")));
    QVERIFY(lines.contains(QStringLiteral("Attempt 1")));
    QVERIFY(lines.contains(QStringLiteral("Response status: 500")));
    QVERIFY(lines.contains(QStringLiteral("Diagnostic: ") + diagnostic));
}

void TestDeliveriesPage::retryAllFailed()
{
    Harness h;
    QVERIFY(h.open());
    h.receiver.setResponses({ TestReceiver::status(404), TestReceiver::status(200) });
    const auto id = h.createAccount(QStringLiteral("Alice"));
    h.showPage();
    auto* retryButton = h.button("retryFailedButton");
    QCOMPARE(retryButton->isEnabled(), false);
    h.service.start();
    QTRY_COMPARE(h.state(id), Failed);
    QTRY_COMPARE(retryButton->isEnabled(), true);
    QCOMPARE(h.receiver.count(), 1);

    QSignalSpy messages(h.page.get(), &DeliveriesPage::statusMessage);
    QTest::mouseClick(retryButton, Qt::LeftButton);
    QCOMPARE(messages.count(), 1);
    QCOMPARE(messages.constFirst().constFirst().toString(),
             QStringLiteral("The failed notification will be sent again now."));
    QTRY_COMPARE(h.state(id), Delivered);
    QCOMPARE(h.attempts(id), 2);
    QCOMPARE(h.receiver.count(), 2);
    QCOMPARE(h.receiver.requests().at(1).header("webhook-id"), id.toUtf8());
    QCOMPARE(h.receiver.requests().at(0).header("webhook-id"), id.toUtf8());
    QTRY_COMPARE(retryButton->isEnabled(), false);
}

void TestDeliveriesPage::redeliverOne()
{
    Harness h;
    QVERIFY(h.open());
    const auto alice = h.createAccount(QStringLiteral("Alice"));
    const auto bob = h.createAccount(QStringLiteral("Bob"));
    h.showPage();
    h.service.start();
    QTRY_COMPARE(h.countInState(Delivered), 2);
    QCOMPARE(h.receiver.count(), 2);

    h.select(alice);
    QSignalSpy messages(h.page.get(), &DeliveriesPage::statusMessage);
    QTest::mouseClick(h.button("redeliverButton"), Qt::LeftButton);
    QCOMPARE(messages.count(), 1);
    QCOMPARE(messages.constFirst().constFirst().toString(), QStringLiteral("The notification will be sent again now."));
    QTRY_COMPARE(h.receiver.count(), 3);
    QCOMPARE(h.receiver.requests().constLast().header("webhook-id"), alice.toUtf8());
    QTRY_COMPARE(h.attempts(alice), 2);
    QCOMPARE(h.state(alice), Delivered);
    QCOMPARE(h.attempts(bob), 1);
    QTRY_VERIFY(h.detailLines().contains(QStringLiteral("Attempt 2")));
    QCOMPARE(h.detailLines().count(QStringLiteral("Response status: 200")), 2);
}

void TestDeliveriesPage::languageChangeRetranslates()
{
    Harness h;
    QVERIFY(h.open());
    h.showPage();
    const auto header = [&h](int column) {
        return h.model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    };
    QCOMPARE(header(DeliveriesModel::EventColumn), QStringLiteral("Event"));

    ShoutingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QTRY_COMPARE(h.filter()->itemText(0), QStringLiteral("ALL"));
    QCOMPARE(header(DeliveriesModel::EventColumn), QStringLiteral("EVENT"));
    QCOMPARE(header(DeliveriesModel::NextAttemptColumn), QStringLiteral("NEXT ATTEMPT"));
    QCOMPARE(h.button("redeliverButton")->text(), QStringLiteral("&REDELIVER"));
    QCOMPARE(h.page->findChild<QLabel*>(QStringLiteral("summaryLabel"))->text(),
             QStringLiteral("TOTAL: 0 · PENDING: 0 · FAILED: 0"));
    QVERIFY(h.detailLines().contains(QStringLiteral("SELECT A NOTIFICATION TO SEE ITS ATTEMPTS.")));

    QVERIFY(QCoreApplication::removeTranslator(&translator));
    QTRY_COMPARE(h.filter()->itemText(0), QStringLiteral("All"));
    QCOMPARE(header(DeliveriesModel::EventColumn), QStringLiteral("Event"));
}

void TestDeliveriesPage::refreshReconcilesWithDatabase()
{
    Harness h;
    QVERIFY(h.open());
    auto db = h.database.connection();
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 100000;
    QVERIFY(db.transaction());
    for (int i = 0; i < 1300; ++i) {
        QVERIFY(insertNotification(db, i, i % 2 ? Pending : Delivered, base));
    }
    QVERIFY(db.commit());

    DeliveriesModel model(&h.database, nullptr);
    QTableView view;
    view.setModel(&model);
    while (model.canFetchMore({}) && model.rowCount() < 1200) {
        model.fetchMore({});
    }
    QCOMPARE(model.rowCount(), 1200);
    view.selectRow(model.rowOf(QStringLiteral("n001290")));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    // New notifications at the top, one purged, one changed: the first RefreshLimit rows match the database again,
    // and the rows loaded beyond them stay.
    QVERIFY(insertNotification(db, 5000, Pending, base));
    QVERIFY(insertNotification(db, 5001, Pending, base));
    QVERIFY(execute(db, QStringLiteral("DELETE FROM notifications WHERE id = 'n001200'")));
    QVERIFY(
        execute(db, QStringLiteral("UPDATE notifications SET state = 'failed', attempts = 3 WHERE id = 'n001250'")));
    model.refresh();
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.rowCount(), 1201);
    QCOMPARE(modelIds(model), outboxIds(&h.database, std::nullopt, 1201));
    QCOMPARE(model.index(model.rowOf(QStringLiteral("n001250")), 0).data(DeliveriesModel::StateRole).toString(),
             Failed);
    QCOMPARE(model.index(model.rowOf(QStringLiteral("n001250")), DeliveriesModel::AttemptsColumn).data().toInt(), 3);
    QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
    QCOMPARE(view.selectionModel()->selectedRows().constFirst().data(DeliveriesModel::IdRole).toString(),
             QStringLiteral("n001290"));
    QVERIFY(model.canFetchMore({}));
    while (model.canFetchMore({})) {
        model.fetchMore({});
    }
    QCOMPARE(modelIds(model), outboxIds(&h.database, std::nullopt, 5000));

    // Filtered: rows leaving the state go, rows entering it come in their place.
    model.setStateFilter(Outbox::State::Pending);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), DeliveriesModel::PageSize);
    view.selectRow(model.rowOf(QStringLiteral("n001201")));
    QVERIFY(
        execute(db, QStringLiteral("UPDATE notifications SET state = 'delivered' WHERE id IN ('n001299', 'n005001')")));
    QVERIFY(execute(db, QStringLiteral("UPDATE notifications SET state = 'pending' WHERE id = 'n001250'")));
    model.refresh();
    QCOMPARE(resets.count(), 1);
    QCOMPARE(modelIds(model), outboxIds(&h.database, Outbox::State::Pending, DeliveriesModel::PageSize));
    QCOMPARE(view.selectionModel()->selectedRows().constFirst().data(DeliveriesModel::IdRole).toString(),
             QStringLiteral("n001201"));
}

void TestDeliveriesPage::lazyLoadingOverManyRows()
{
    constexpr int Rows = 100000;
    Harness h;
    QVERIFY(h.open());
    {
        auto db = h.database.connection();
        QVERIFY(db.transaction());
        const QString states[] = { Pending, Delivered, Failed };
        const qint64 base = QDateTime::currentMSecsSinceEpoch() - Rows;
        for (int i = 0; i < Rows; ++i) {
            QVERIFY(insertNotification(db, i, states[i % 3], base));
        }
        QVERIFY(db.commit());
    }

    QElapsedTimer timer;
    timer.start();
    h.showPage();
    QVERIFY(QTest::qWaitForWindowExposed(h.page.get()));
    qInfo("The Deliveries page opened over %d notifications in %lld ms", Rows, timer.elapsed());

    auto* model = h.model();
    QCOMPARE(model->rowCount(), DeliveriesModel::PageSize);
    QCOMPARE(model->index(0, 0).data(DeliveriesModel::IdRole).toString(), QStringLiteral("n099999"));
    QCOMPARE(model->index(0, DeliveriesModel::AccountColumn).data().toString(), QStringLiteral("User 99999"));
    QVERIFY(model->canFetchMore({}));
    timer.restart();
    model->fetchMore({});
    qInfo("The next page came in %lld ms", timer.elapsed());
    QCOMPARE(model->rowCount(), 2 * DeliveriesModel::PageSize);
    QCOMPARE(model->index(DeliveriesModel::PageSize, 0).data(DeliveriesModel::IdRole).toString(),
             QStringLiteral("n%1").arg(Rows - 1 - DeliveriesModel::PageSize, 6, 10, QLatin1Char('0')));

    timer.restart();
    model->refresh();
    qInfo("A refresh of the loaded rows took %lld ms", timer.elapsed());
    QCOMPARE(model->rowCount(), 2 * DeliveriesModel::PageSize);

    timer.restart();
    h.filter()->setCurrentIndex(h.filter()->findData(Failed));
    qInfo("Filtering on failed notifications took %lld ms", timer.elapsed());
    QCOMPARE(model->rowCount(), DeliveriesModel::PageSize);
    QCOMPARE(h.countInState(Failed), DeliveriesModel::PageSize);
    timer.restart();
    model->fetchMore({});
    qInfo("The next page of failed notifications came in %lld ms", timer.elapsed());
    QCOMPARE(model->rowCount(), 2 * DeliveriesModel::PageSize);
    QCOMPARE(h.countInState(Failed), 2 * DeliveriesModel::PageSize);
    QCOMPARE(h.page->findChild<QLabel*>(QStringLiteral("summaryLabel"))->text(),
             QStringLiteral("Total: %1 · Pending: %2 · Failed: %3")
                 .arg(QLocale().toString(Rows), QLocale().toString(33334), QLocale().toString(33333)));
}

void TestDeliveriesPage::hostileTextShownVisibly()
{
    Harness h;
    QVERIFY(h.open());
    auto response = TestReceiver::status(302, QByteArrayLiteral("\x1b[2J\x1b]0;pwned\x07 moved"));
    response.headers = { { QByteArrayLiteral("Location"), QByteArrayLiteral("http://x/\x1b[31mred") } };
    h.receiver.setResponses({ response });
    const auto id = h.createAccount(QStringLiteral("Eve\u202Egnp.exe"));
    QVERIFY(!id.isEmpty());
    h.showPage();
    h.service.start();
    QTRY_COMPARE(h.state(id), Failed);

    QCOMPARE(h.value(id, DeliveriesModel::AccountColumn).toString(), QStringLiteral("Eve\\u202egnp.exe"));
    const auto lastResult = h.value(id, DeliveriesModel::LastResultColumn).toString();
    QVERIFY2(lastResult.contains(QLatin1String("http://x/\\x1b[31mred")), qPrintable(lastResult));
    QVERIFY(!lastResult.contains(QChar(0x1b)));

    h.select(id);
    QTRY_VERIFY(h.details()->toPlainText().contains(QLatin1String("Diagnostic:")));
    const auto details = h.details()->toPlainText();
    QVERIFY2(details.contains(QLatin1String("Account: Eve\\u202egnp.exe")), qPrintable(details));
    QVERIFY2(details.contains(QLatin1String("http://x/\\x1b[31mred")), qPrintable(details));
    QVERIFY2(details.contains(QLatin1String("\\x1b[2J\\x1b]0;pwned\\x07 moved")), qPrintable(details));
    for (const auto ch : details) {
        QVERIFY2(ch == QLatin1Char('\n') || ch == QLatin1Char('\t') || ch == QChar::ParagraphSeparator
                     || ch == QChar::LineSeparator || ch == QChar::Nbsp
                     || (ch.category() != QChar::Other_Control && ch.category() != QChar::Other_Format),
                 qPrintable(QStringLiteral("U+%1").arg(ch.unicode(), 4, 16, QLatin1Char('0'))));
    }
}

void TestDeliveriesPage::stateColumnIsNeverCut_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("fr") << QStringLiteral("fr");
}

// At 800×600, with long names and results, every state reads in full and carries an icon; the long last result is
// what gets elided.
void TestDeliveriesPage::stateColumnIsNeverCut()
{
    QFETCH(QString, language);
    Translations::install(language);
    const auto restore = qScopeGuard([] { Translations::install(QStringLiteral("en")); });
    Harness h;
    QVERIFY(h.open());
    auto db = h.database.connection();
    const qint64 base = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(insertNotification(db, 1, Pending, base));
    QVERIFY(insertNotification(db, 2, Delivered, base));
    QVERIFY(insertNotification(db, 3, Failed, base));
    QVERIFY(execute(db,
                    QStringLiteral("UPDATE notifications SET user_name = '%1', last_result = '%2'")
                        .arg(QString(60, QLatin1Char('N')), QString(300, QLatin1Char('r')))));
    h.page = std::make_unique<DeliveriesPage>(&h.database, nullptr);
    h.page->resize(800, 600);
    h.page->show();
    QVERIFY(QTest::qWaitForWindowExposed(h.page.get()));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);

    auto* view = h.view();
    const int width = view->columnWidth(DeliveriesModel::StateColumn);
    const auto metrics = view->fontMetrics();
    const QStyledItemDelegate delegate;
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.features |= QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration;
    for (int row = 0; row < h.model()->rowCount(); ++row) {
        const auto index = h.model()->index(row, DeliveriesModel::StateColumn);
        const auto text = index.data().toString();
        QVERIFY2(metrics.horizontalAdvance(text) < width,
                 qPrintable(QStringLiteral("%1 in %2 px").arg(text).arg(width)));
        // Icon, text and the delegate's margins all fit: nothing is elided.
        QVERIFY2(view->itemDelegate()->sizeHint(option, index).width() <= width, qPrintable(text));
        QVERIFY(!index.data(Qt::DecorationRole).value<QIcon>().isNull());
    }
    // The header reads in full too.
    const auto header = view->model()->headerData(DeliveriesModel::StateColumn, Qt::Horizontal).toString();
    QVERIFY(view->horizontalHeader()->fontMetrics().horizontalAdvance(header) < width);
    // The state's colour tells delivered from failed too.
    const auto colour = [&h](const QString& id) {
        return h.value(id, DeliveriesModel::StateColumn, Qt::ForegroundRole).value<QColor>();
    };
    QVERIFY(colour(QStringLiteral("n000002")).isValid());
    QVERIFY(colour(QStringLiteral("n000003")).isValid());
    QVERIFY(colour(QStringLiteral("n000002")) != colour(QStringLiteral("n000003")));
    // The table fits the page: the last result gives way, not the state.
    QVERIFY(view->horizontalHeader()->length() <= view->viewport()->width());
    QCOMPARE(view->textElideMode(), Qt::ElideRight);
}

void TestDeliveriesPage::eventNamesAreReadable()
{
    QCOMPARE(Events::displayName(QStringLiteral("user.created")), QStringLiteral("Account created"));
    QCOMPARE(Events::displayName(QStringLiteral("webhook.test")), QStringLiteral("Test notification"));
    QCOMPARE(Events::displayName(QStringLiteral("other.event")), QStringLiteral("other.event"));
    Harness h;
    QVERIFY(h.open());
    const auto id = h.createAccount(QStringLiteral("Alice"));
    h.showPage();
    QCOMPARE(h.value(id, DeliveriesModel::EventColumn).toString(), QStringLiteral("Account created"));
    QVERIFY(
        h.value(id, DeliveriesModel::EventColumn, Qt::ToolTipRole).toString().contains(QStringLiteral("user.created")));
    h.select(id);
    QVERIFY(h.detailLines().contains(QStringLiteral("Event: Account created")));
}

// Rows recorded in the same millisecond (an import) show newest first, in the order they were recorded, and keep
// that order across refreshes; the id (a random UUID) used to decide.
void TestDeliveriesPage::sameMillisecondKeepsTheRecordedOrder()
{
    Harness h;
    QVERIFY(h.open());
    auto db = h.database.connection();
    const qint64 base = QDateTime::currentMSecsSinceEpoch();
    for (const int order : { 3, 1, 2 }) {
        QVERIFY(insertNotification(db, order, Delivered, base));
    }
    QVERIFY(execute(db, QStringLiteral("UPDATE notifications SET created_at = %1").arg(base)));
    const QStringList expected = { QStringLiteral("n000002"), QStringLiteral("n000001"), QStringLiteral("n000003") };
    const auto idsOf = [](const QList<NotificationRow>& rows) {
        QStringList ids;
        for (const auto& row : rows) {
            ids << row.id;
        }
        return ids;
    };
    QCOMPARE(idsOf(Outbox(&h.database).list(std::nullopt, 10)), expected);
    h.showPage();
    const auto shown = [&h] {
        QStringList ids;
        for (int row = 0; row < h.model()->rowCount(); ++row) {
            ids << h.model()->index(row, 0).data(DeliveriesModel::IdRole).toString();
        }
        return ids;
    };
    QCOMPARE(shown(), expected);
    QVERIFY(insertNotification(db, 0, Delivered, base));
    h.model()->refresh();
    QCOMPARE(shown(), QStringList { QStringLiteral("n000000") } + expected);
}

void TestDeliveriesPage::detailsStartAtTheTopOfANewSelection()
{
    Harness h;
    QVERIFY(h.open());
    auto db = h.database.connection();
    const qint64 base = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(insertNotification(db, 1, Failed, base));
    QVERIFY(insertNotification(db, 2, Failed, base));
    // Many attempts: the details are much longer than their pane.
    for (const auto& id : { QStringLiteral("n000001"), QStringLiteral("n000002") }) {
        for (int number = 1; number <= 30; ++number) {
            QVERIFY(execute(db,
                            QStringLiteral("INSERT INTO attempts (notification, number, started_at, duration_ms, "
                                           "url, request_headers, request_body, outcome, diagnostic) VALUES "
                                           "((SELECT rowid FROM notifications WHERE id = '%1'), %2, %3, 5, "
                                           "'http://x', 'a: b', '{}', 'server-error', 'HTTP 500')")
                                .arg(id)
                                .arg(number)
                                .arg(base)));
        }
    }
    h.showPage();
    auto* scrollBar = h.details()->verticalScrollBar();
    h.select(QStringLiteral("n000001"));
    QVERIFY(scrollBar->maximum() > 0);
    scrollBar->setValue(scrollBar->maximum());
    // A live update of the same notification keeps the reader's place.
    h.model()->refresh();
    QCOMPARE(scrollBar->value(), scrollBar->maximum());
    h.select(QStringLiteral("n000002"));
    QVERIFY(h.detailLines().contains(QStringLiteral("Notification (webhook-id): n000002")));
    QCOMPARE(scrollBar->value(), 0);
}

// New notifications arrive at the top during an import: the row being read stays selected and where it was.
void TestDeliveriesPage::selectedRowStaysInPlaceWhenRowsArrive()
{
    Harness h;
    QVERIFY(h.open());
    auto db = h.database.connection();
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 100000;
    for (int order = 0; order < 120; ++order) {
        QVERIFY(insertNotification(db, order, Delivered, base));
    }
    h.showPage();
    auto* view = h.view();
    const auto id = QStringLiteral("n000060");
    h.select(id);
    view->scrollTo(h.model()->index(h.model()->rowOf(id), 0), QAbstractItemView::PositionAtCenter);
    const int before = view->rowViewportPosition(h.model()->rowOf(id));
    QVERIFY(before > 0);
    for (int order = 1000; order < 1025; ++order) {
        QVERIFY(insertNotification(db, order, Pending, base));
    }
    h.model()->refresh();
    QCOMPARE(h.model()->index(0, 0).data(DeliveriesModel::IdRole).toString(), QStringLiteral("n001024"));
    const auto selected = view->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.constFirst().data(DeliveriesModel::IdRole).toString(), id);
    QCOMPARE(view->rowViewportPosition(h.model()->rowOf(id)), before);
}

void TestDeliveriesPage::tabLeavesTheTable()
{
    Harness h;
    QVERIFY(h.open());
    QVERIFY(!h.createAccount(QStringLiteral("Alice")).isEmpty());
    QVERIFY(!h.createAccount(QStringLiteral("Bob")).isEmpty());
    h.showPage();
    QApplication::setActiveWindow(h.page.get());
    QVERIFY(QTest::qWaitForWindowActive(h.page.get()));
    auto* view = h.view();
    QVERIFY(!view->tabKeyNavigation());
    view->setFocus();
    h.select(h.model()->index(0, 0).data(DeliveriesModel::IdRole).toString());
    QTRY_COMPARE(QApplication::focusWidget(), view);
    QTest::keyClick(view, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), h.details());
    // And on from the details, which do not keep Tab for themselves either.
    QTest::keyClick(h.details(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), h.button("redeliverButton"));
    QTest::keyClick(h.button("redeliverButton"), Qt::Key_Backtab);
    QTest::keyClick(h.details(), Qt::Key_Backtab);
    QCOMPARE(QApplication::focusWidget(), view);
}

// After a 410, pending notifications say why they wait and what to do, in the list and in the details.
void TestDeliveriesPage::heldNotificationsSayWhy()
{
    Harness h;
    QVERIFY(h.open());
    const auto id = h.createAccount(QStringLiteral("Alice"));
    const auto url = h.receiver.url().toString();
    EndpointStore endpoints(&h.database);
    QVERIFY(endpoints.markGone(endpoints.main().id, url, QDateTime::currentDateTimeUtc()));
    h.showPage();
    const auto reason = DeliveryHold::load(&h.database).reason(endpoints.main().id);
    QCOMPARE(reason, endpoints.main().holdReason());
    QVERIFY(reason.contains(QStringLiteral("410")));
    QCOMPARE(h.value(id, DeliveriesModel::LastResultColumn).toString(), reason);
    QCOMPARE(h.value(id, DeliveriesModel::NextAttemptColumn).toString(), QStringLiteral("On hold"));
    h.select(id);
    QVERIFY(h.detailLines().contains(reason));

    // Nothing is sent to that URL, by this process or any other.
    h.service.start();
    QVERIFY(!QTest::qWaitFor([&h] { return h.receiver.count() > 0; }, 1500));

    // A new URL lifts the hold: the reason goes and the notification is delivered.
    TestReceiver next;
    QVERIFY(next.listen());
    QVERIFY(TestFixtures::setWebhookUrl(&h.database, next.url().toString()));
    h.service.wake();
    QTRY_COMPARE(h.state(id), Delivered);
    QCOMPARE(next.count(), 1);
    QCOMPARE(h.receiver.count(), 0);
}

// Each notification names its endpoint; the list narrows to one endpoint, to one account (whatever the case and the
// accents, deleted accounts included by their name), or both.
void TestDeliveriesPage::filtersByEndpointAndAccount()
{
    Harness h;
    QVERIFY(h.open());
    Endpoint ops;
    ops.name = QStringLiteral("Ops");
    ops.url = h.receiver.url(QStringLiteral("/ops")).toString();
    QVERIFY(EndpointStore(&h.database).add(ops));
    const auto elodie = h.createAccount(QStringLiteral("Élodie"));
    const auto bob = h.createAccount(QStringLiteral("Bob"));
    QVERIFY(!elodie.isEmpty() && !bob.isEmpty());
    h.showPage();
    QCOMPARE(h.model()->rowCount(), 4);
    QStringList endpoints;
    for (int row = 0; row < h.model()->rowCount(); ++row) {
        endpoints << h.model()->index(row, DeliveriesModel::EndpointColumn).data().toString();
    }
    endpoints.sort();
    QCOMPARE(
        endpoints,
        (QStringList { QStringLiteral("Main"), QStringLiteral("Main"), QStringLiteral("Ops"), QStringLiteral("Ops") }));

    auto* endpointCombo = h.page->findChild<QComboBox*>(QStringLiteral("endpointFilterCombo"));
    QCOMPARE(endpointCombo->count(), 3);
    QCOMPARE(endpointCombo->itemText(0), QStringLiteral("All endpoints"));
    endpointCombo->setCurrentIndex(endpointCombo->findData(ops.id));
    QCOMPARE(h.model()->rowCount(), 2);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(h.model()->index(row, DeliveriesModel::EndpointColumn).data().toString(), QStringLiteral("Ops"));
    }

    auto* account = h.page->findChild<QLineEdit*>(QStringLiteral("accountFilterEdit"));
    QTest::keyClicks(account, QStringLiteral("ELODIE"));
    QTRY_COMPARE(h.model()->rowCount(), 1);
    QCOMPARE(h.model()->index(0, DeliveriesModel::AccountColumn).data().toString(), QStringLiteral("Élodie"));
    QCOMPARE(h.model()->index(0, DeliveriesModel::EndpointColumn).data().toString(), QStringLiteral("Ops"));

    // Back to every endpoint: Élodie's two notifications; a literal % matches nothing.
    endpointCombo->setCurrentIndex(0);
    QCOMPARE(h.model()->rowCount(), 2);
    account->setText(QStringLiteral("%"));
    QTRY_COMPARE(h.model()->rowCount(), 0);
    h.page->showAccount(QStringLiteral("bob@example"));
    QCOMPARE(account->text(), QStringLiteral("bob@example"));
    QCOMPARE(h.model()->rowCount(), 2);
}

QTEST_MAIN(TestDeliveriesPage)
#include "TestDeliveriesPage.moc"

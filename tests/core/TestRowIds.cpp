#include "storage/RowIds.h"

#include <QDateTime>
#include <QSet>
#include <QTest>
#include <QThread>
#include <QUuid>

// New rows' ids: UUIDs of version 7, in the order they were made, never twice the same.
class TestRowIds : public QObject
{
    Q_OBJECT

private slots:
    void isVersionSevenText();
    void carriesTheMillisecond();
    void sortsInTheOrderMade();
    void neverRepeats();
};

void TestRowIds::isVersionSevenText()
{
    const auto id = RowIds::create();
    QCOMPARE(id.size(), 36);
    const QUuid uuid(id);
    QVERIFY(!uuid.isNull());
    QCOMPARE(uuid.toString(QUuid::WithoutBraces), id); // lower case, without braces, as ids always were
    // Read from the bytes: Qt 6.4's QUuid::version() knows versions 1 to 5 only.
    QCOMPARE(quint8(uuid.toRfc4122().at(6)) >> 4, 7);
    QCOMPARE(uuid.variant(), QUuid::DCE); // RFC 9562's variant, 10 in binary
}

void TestRowIds::carriesTheMillisecond()
{
    const auto before = QDateTime::currentMSecsSinceEpoch();
    const auto bytes = QUuid(RowIds::create()).toRfc4122();
    const auto after = QDateTime::currentMSecsSinceEpoch();
    qint64 ms = 0;
    for (int i = 0; i < 6; ++i) {
        ms = (ms << 8) | quint8(bytes.at(i));
    }
    QVERIFY2(ms >= before && ms <= after, qPrintable(QString::number(ms)));
}

void TestRowIds::sortsInTheOrderMade()
{
    // Ids made in different milliseconds sort as text in the order they were made.
    auto previous = RowIds::create();
    for (int i = 0; i < 5; ++i) {
        const auto millisecond = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > millisecond);
        const auto next = RowIds::create();
        QVERIFY2(previous < next, qPrintable(previous + QLatin1String(" / ") + next));
        previous = next;
    }
}

void TestRowIds::neverRepeats()
{
    // Many in the same milliseconds, through several refills of the random bytes, on two threads at once.
    QSet<QString> ids;
    QStringList other;
    auto* thread = QThread::create([&other] {
        for (int i = 0; i < 20000; ++i) {
            other << RowIds::create();
        }
    });
    thread->start();
    for (int i = 0; i < 20000; ++i) {
        ids.insert(RowIds::create());
    }
    QVERIFY(thread->wait(60000));
    delete thread;
    for (const auto& id : std::as_const(other)) {
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 40000);
}

QTEST_GUILESS_MAIN(TestRowIds)
#include "TestRowIds.moc"

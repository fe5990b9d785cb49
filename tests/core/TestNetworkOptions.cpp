#include "webhooks/NetworkOptions.h"

#include <QTest>
#include <QUrl>

// "Public addresses only" refuses every address that reaches this machine or a private network, whatever its notation.
class TestNetworkOptions : public QObject
{
    Q_OBJECT

private slots:
    void publicAddress_data();
    void publicAddress();
    void urlNotations_data();
    void urlNotations();
    void publicOnlyJudgesEveryAddress();
};

void TestNetworkOptions::publicAddress_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("isPublic");
    const auto row = [](const char* address, bool isPublic) {
        QTest::newRow(address) << QString::fromLatin1(address) << isPublic;
    };
    row("93.184.216.34", true);
    row("1.1.1.1", true);
    row("2606:4700:4700::1111", true);
    row("2a00:1450:4007:80e::200e", true);
    // IPv4 special ranges
    row("0.0.0.0", false);
    row("0.1.2.3", false);
    row("10.1.2.3", false);
    row("100.64.0.1", false);
    row("100.127.255.254", false);
    row("127.0.0.1", false);
    row("127.255.255.254", false);
    row("169.254.169.254", false);
    row("172.16.0.1", false);
    row("172.31.255.255", false);
    row("192.0.0.8", false);
    row("192.0.2.1", false);
    row("192.88.99.1", false);
    row("192.168.1.1", false);
    row("198.18.0.1", false);
    row("198.51.100.7", false);
    row("203.0.113.9", false);
    row("224.0.0.1", false);
    row("239.255.255.250", false);
    row("240.0.0.1", false);
    row("255.255.255.255", false);
    // IPv6 special ranges
    row("::", false);
    row("::1", false);
    row("fe80::1", false);
    row("fe80::1%lo", false);
    row("fec0::1", false);
    row("fc00::1", false);
    row("fd12:3456::1", false);
    row("ff02::1", false);
    row("2001:db8::1", false);
    row("3fff::1", false);
    row("100::1", false);
    row("2001:2::1", false); // benchmarking
    row("2001:0:4136:e378:8000:63bf:3fff:fdd2", false); // Teredo
    row("64:ff9b:1::a00:1", false); // NAT64 local use
    // IPv4 written inside IPv6: judged as the IPv4 address it reaches
    row("::ffff:127.0.0.1", false);
    row("::ffff:7f00:1", false);
    row("::ffff:10.0.0.1", false);
    row("::ffff:169.254.169.254", false);
    row("::ffff:93.184.216.34", true);
    row("::127.0.0.1", false); // IPv4-compatible
    row("::10.0.0.1", false);
    row("::ffff:0:127.0.0.1", false); // IPv4-translated
    row("64:ff9b::127.0.0.1", false); // NAT64
    row("64:ff9b::a9fe:a9fe", false);
    row("64:ff9b::93.184.216.34", true);
    row("2002:7f00:1::1", false); // 6to4 of 127.0.0.1
    row("2002:c0a8:101::1", false); // 6to4 of 192.168.1.1
    row("2002:5db8:d822::1", true); // 6to4 of 93.184.216.34
}

void TestNetworkOptions::publicAddress()
{
    QFETCH(QString, address);
    QFETCH(bool, isPublic);
    const QHostAddress parsed(address);
    QVERIFY2(!parsed.isNull(), qPrintable(address));
    QCOMPARE(NetworkOptions::isPublicAddress(parsed), isPublic);
}

void TestNetworkOptions::urlNotations_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    // QUrl turns the other IPv4 notations into the dotted quad the policy then judges (the resolver would too).
    QTest::newRow("decimal") << QStringLiteral("http://2130706433/") << QStringLiteral("127.0.0.1");
    QTest::newRow("hex") << QStringLiteral("http://0x7f000001/") << QStringLiteral("127.0.0.1");
    QTest::newRow("octal") << QStringLiteral("http://0177.0.0.1/") << QStringLiteral("127.0.0.1");
    QTest::newRow("short") << QStringLiteral("http://127.1/") << QStringLiteral("127.0.0.1");
    QTest::newRow("mapped") << QStringLiteral("http://[::ffff:127.0.0.1]/") << QStringLiteral("::ffff:127.0.0.1");
}

void TestNetworkOptions::urlNotations()
{
    QFETCH(QString, url);
    QFETCH(QString, host);
    const QUrl parsed(url);
    QCOMPARE(parsed.host(), host);
    NetworkOptions options;
    options.hostPolicy = NetworkOptions::HostPolicy::PublicOnly;
    QVERIFY(!options.checkHost(parsed.host(), { QHostAddress(parsed.host()) }).isEmpty());
}

void TestNetworkOptions::publicOnlyJudgesEveryAddress()
{
    NetworkOptions options;
    options.hostPolicy = NetworkOptions::HostPolicy::PublicOnly;
    const QHostAddress publicAddress(QStringLiteral("93.184.216.34"));
    QCOMPARE(options.checkHost(QStringLiteral("example.com"), { publicAddress }), QString());
    // One private address among public ones is enough to refuse: the connection could go there.
    QVERIFY(!options
                 .checkHost(QStringLiteral("example.com"),
                            { publicAddress, QHostAddress(QStringLiteral("::ffff:10.0.0.1")) })
                 .isEmpty());
    QVERIFY(!options.checkHost(QStringLiteral("example.com"), {}).isEmpty());
}

QTEST_GUILESS_MAIN(TestNetworkOptions)
#include "TestNetworkOptions.moc"

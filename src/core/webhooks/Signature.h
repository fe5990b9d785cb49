#pragma once

#include <QByteArray>
#include <QString>

// Standard Webhooks signatures: "v1," + base64(HMAC-SHA256(secret, "<id>.<timestamp>.<body>")).
class Signature
{
public:
    static constexpr const char* SecretPrefix = "whsec_";

    // A new secret of 32 random bytes from libsodium, as "whsec_<base64>".
    static QString generateSecret();
    static bool isValidSecret(const QString& secret);
    static QByteArray sign(const QString& secret, const QString& id, qint64 timestamp, const QByteArray& body);
};

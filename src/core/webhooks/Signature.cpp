#include "webhooks/Signature.h"

#include "users/PasswordHasher.h"

#include <QMessageAuthenticationCode>

#include <sodium.h>

namespace {

QByteArray secretKey(const QString& secret)
{
    auto encoded = secret;
    if (encoded.startsWith(QLatin1String(Signature::SecretPrefix))) {
        encoded = encoded.mid(int(qstrlen(Signature::SecretPrefix)));
    }
    return QByteArray::fromBase64(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
}

} // namespace

QString Signature::generateSecret()
{
    PasswordHasher::initialize();
    QByteArray key(32, '\0');
    randombytes_buf(key.data(), static_cast<size_t>(key.size()));
    return QLatin1String(SecretPrefix) + QString::fromLatin1(key.toBase64());
}

bool Signature::isValidSecret(const QString& secret)
{
    const auto key = secretKey(secret);
    return key.size() >= 24 && key.size() <= 64;
}

QByteArray Signature::sign(const QString& secret, const QString& id, qint64 timestamp, const QByteArray& body)
{
    const QByteArray content = id.toUtf8() + '.' + QByteArray::number(timestamp) + '.' + body;
    return QByteArrayLiteral("v1,")
        + QMessageAuthenticationCode::hash(content, secretKey(secret), QCryptographicHash::Sha256).toBase64();
}

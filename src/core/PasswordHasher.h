#pragma once

#include <QByteArray>
#include <QFuture>
#include <QString>

// Argon2id through libsodium's crypto_pwhash_str. Hashing is slow on purpose: call hashAsync from the GUI.
class PasswordHasher
{
public:
    static bool initialize();
    static QByteArray hash(const QString& password);
    static QFuture<QByteArray> hashAsync(const QString& password);
    static bool verify(const QByteArray& hash, const QString& password);
};

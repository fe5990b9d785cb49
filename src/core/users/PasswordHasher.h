#pragma once

#include <QByteArray>
#include <QString>

// Argon2id through libsodium's crypto_pwhash_str. Hashing is slow on purpose: never call it on the GUI thread
// (UserStore::createAsync and UserImporter run it on worker threads).
class PasswordHasher
{
public:
    static bool initialize();
    static QByteArray hash(const QString& password);
    static bool verify(const QByteArray& hash, const QString& password);
};

#include "users/PasswordHasher.h"

#include <sodium.h>

bool PasswordHasher::initialize()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

QByteArray PasswordHasher::hash(const QString& password)
{
    if (!initialize()) {
        return {};
    }
    auto utf8 = password.toUtf8();
    QByteArray out(crypto_pwhash_STRBYTES, '\0');
    const int rc = crypto_pwhash_str(out.data(), utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sodium_memzero(utf8.data(), static_cast<size_t>(utf8.size()));
    if (rc != 0) {
        return {};
    }
    out.truncate(static_cast<qsizetype>(qstrlen(out.constData())));
    return out;
}

bool PasswordHasher::verify(const QByteArray& hash, const QString& password)
{
    if (!initialize() || hash.isEmpty()) {
        return false;
    }
    auto utf8 = password.toUtf8();
    const QByteArray terminated = hash + '\0';
    const bool ok =
        crypto_pwhash_str_verify(terminated.constData(), utf8.constData(), static_cast<unsigned long long>(utf8.size()))
        == 0;
    sodium_memzero(utf8.data(), static_cast<size_t>(utf8.size()));
    return ok;
}

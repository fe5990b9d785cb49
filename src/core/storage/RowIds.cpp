#include "storage/RowIds.h"

#include "users/PasswordHasher.h"

#include <QDateTime>
#include <QUuid>

#include <algorithm>
#include <array>
#include <sodium.h>

namespace {

// libsodium's random bytes, drawn a few hundred at a time: one system call per 32 ids rather than one each.
class RandomBytes
{
public:
    void fill(quint8* data, size_t size)
    {
        if (m_used + size > m_buffer.size()) {
            randombytes_buf(m_buffer.data(), m_buffer.size());
            m_used = 0;
        }
        std::copy_n(m_buffer.data() + m_used, size, data);
        m_used += size;
    }

private:
    std::array<quint8, 320> m_buffer {};
    size_t m_used = 320;
};

} // namespace

QString RowIds::create()
{
    // sodium_init() before libsodium's first use, as its documentation asks; it draws from the kernel either way.
    PasswordHasher::initialize();
    thread_local RandomBytes random;

    std::array<quint8, 16> bytes {};
    random.fill(bytes.data() + 6, 10);
    const auto ms = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch());
    for (int i = 0; i < 6; ++i) {
        bytes[size_t(i)] = static_cast<quint8>(ms >> (8 * (5 - i)));
    }
    bytes[6] = static_cast<quint8>(0x70 | (bytes[6] & 0x0f)); // version 7
    bytes[8] = static_cast<quint8>(0x80 | (bytes[8] & 0x3f)); // variant 10 (RFC 9562)
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), qsizetype(bytes.size()))).toString(QUuid::WithoutBraces);
}

#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

// Shared by the libFuzzer targets: a failed invariant aborts, so libFuzzer keeps the input as a crash.
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition);                     \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace FuzzSupport {

// The targets call core code that expects an application object (translations, plugins, threads).
inline void initialize()
{
    static int argc = 1;
    static char name[] = "crochet-fuzz";
    static char* argv[] = { name, nullptr };
    static QCoreApplication application(argc, argv);
}

// Reads the input as a sequence of parts separated by a NUL byte, so one input can carry several strings.
class Reader
{
public:
    Reader(const uint8_t* data, size_t size)
        : m_bytes(QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)))
    {
    }

    bool atEnd() const { return m_position >= m_bytes.size(); }

    QByteArray bytes()
    {
        if (atEnd()) {
            return {};
        }
        auto end = m_bytes.indexOf('\0', m_position);
        if (end < 0) {
            end = m_bytes.size();
        }
        const auto part = m_bytes.mid(m_position, end - m_position);
        m_position = end + 1;
        return part;
    }

    // UTF-8, or raw UTF-16 code units (lone surrogates included) when the part starts with \x01.
    QString text()
    {
        const auto part = bytes();
        if (part.startsWith('\x01')) {
            QString units((part.size() - 1) / 2, Qt::Uninitialized);
            std::memcpy(units.data(), part.constData() + 1, static_cast<size_t>(units.size()) * sizeof(QChar));
            return units;
        }
        return QString::fromUtf8(part);
    }

private:
    QByteArray m_bytes;
    qsizetype m_position = 0;
};

} // namespace FuzzSupport

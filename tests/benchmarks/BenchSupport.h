#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QString>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sys/resource.h>

// What the benchmarks share: a figure printed at once, min / median / max of repeated runs, a wait on the event loop
// for a condition, and the CPU time used.
namespace BenchSupport {

inline void print(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// "min / median / max" of values, each with decimals ("none" without values).
inline QString figures(QList<double> values, int decimals)
{
    if (values.isEmpty()) {
        return QStringLiteral("none");
    }
    std::sort(values.begin(), values.end());
    return QStringLiteral("%1 / %2 / %3")
        .arg(values.first(), 0, 'f', decimals)
        .arg(values.at(values.size() / 2), 0, 'f', decimals)
        .arg(values.last(), 0, 'f', decimals);
}

// The middle value (the upper one of an even count), as figures() prints it; 0 without values.
inline double median(QList<double> values)
{
    if (values.isEmpty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// Runs the event loop until done() holds, checking every pollMs; false if timeoutMs passed first.
inline bool waitUntil(const std::function<bool()>& done, int timeoutMs, int pollMs = 10)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QEventLoop loop;
        QTimer::singleShot(pollMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// User + system CPU time, in microseconds, of this process (RUSAGE_SELF) or of its children that have ended and been
// waited for (RUSAGE_CHILDREN).
inline qint64 cpuMicroseconds(int who)
{
    rusage usage {};
    getrusage(who, &usage);
    const auto micros = [](const timeval& time) {
        return qint64(time.tv_sec) * 1000000 + time.tv_usec;
    };
    return micros(usage.ru_utime) + micros(usage.ru_stime);
}

inline qint64 selfCpuMicroseconds()
{
    return cpuMicroseconds(RUSAGE_SELF);
}

inline qint64 childrenCpuMicroseconds()
{
    return cpuMicroseconds(RUSAGE_CHILDREN);
}

} // namespace BenchSupport

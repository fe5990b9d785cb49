#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QString>
#include <QTimer>

#include <cstdio>
#include <functional>

// What the benchmarks share: a figure printed at once, and a wait on the event loop for a condition.
namespace BenchSupport {

inline void print(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
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

} // namespace BenchSupport

#pragma once

#include <QList>
#include <QObject>

class QSocketNotifier;

// Turns SIGTERM and SIGINT into a Qt signal on the thread that owns the watcher: the handler only writes the signal's
// number to a pipe (a self-pipe), and a QSocketNotifier reads it from the event loop. One watcher per process; the
// default dispositions come back when it is destroyed.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(const QList<int>& signalNumbers, QObject* parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }
    // "SIGTERM", "SIGINT"…
    static QString name(int signalNumber);

signals:
    void received(int signalNumber);

private:
    void readPipe();

    QList<int> m_signals;
    QSocketNotifier* m_notifier = nullptr;
};

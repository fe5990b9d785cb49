#pragma once

#include "storage/Database.h"
#include "text/Translations.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWidget>

#include <memory>

// Shared set-up for the window tests: QSettings kept out of the user's configuration, English to begin with, and
// a fresh database in a temporary directory.
namespace GuiTest {

inline void initApplication()
{
    QStandardPaths::setTestModeEnabled(true);
    // Each test process has a configuration of its own: ctest runs window tests in parallel, and one clearing the
    // shared test configuration under another made it fail now and then.
    static QTemporaryDir configuration;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, configuration.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, configuration.path());
    QApplication::setOrganizationName(QStringLiteral("Crochet"));
    QApplication::setApplicationName(QStringLiteral("Crochet"));
    QSettings().clear();
    qunsetenv("WEBHOOK_URL");
    Translations::install(QStringLiteral("en"));
}

class TempDatabase
{
public:
    TempDatabase()
        : m_database(std::make_unique<Database>(m_dir.filePath(QStringLiteral("crochet.sqlite"))))
    {
    }

    bool open()
    {
        QString error;
        const bool ok = m_dir.isValid() && m_database->open(&error);
        if (!ok) {
            qWarning("cannot open the test database: %s", qPrintable(error));
        }
        return ok;
    }

    Database* get() const { return m_database.get(); }
    QString path(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
};

template<typename T>
T* child(const QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QLatin1String(name));
    if (!found) {
        qWarning("no child %s named %s", T::staticMetaObject.className(), name);
    }
    return found;
}

// The longest time the event loop went without running a 10 ms timer, while it runs.
class EventLoopProbe : public QObject
{
public:
    EventLoopProbe()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longestGapMs = qMax(m_longestGapMs, m_sinceLast.restart());
            ++m_ticks;
        });
    }

    void start()
    {
        m_sinceLast.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    int ticks() const { return m_ticks; }
    qint64 longestGapMs() const { return m_longestGapMs; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    int m_ticks = 0;
    qint64 m_longestGapMs = 0;
};

} // namespace GuiTest

#pragma once

#include <QElapsedTimer>
#include <QGenericPlugin>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

class QLabel;
class QMainWindow;
class QWidget;

// Plays the screenshot scenes in the running application: each step is polled every 100 ms until it reports that it
// is done, and the whole run stops with exit status 3 when a step takes longer than its time limit.
class ScreenshotDriver : public QObject
{
    Q_OBJECT

public:
    ScreenshotDriver(const QString& outputDirectory, const QString& webhookUrl);

private:
    struct Step
    {
        QString what;
        std::function<bool()> run;
        int timeLimitMs = 30000;
    };

    void addSteps();
    void tick();
    void fail(const QString& message);

    QMainWindow* mainWindow() const;
    template<typename T>
    T* child(const char* name) const;
    bool showTab(const char* tabWidgetName, const char* pageName);
    static void type(QWidget* widget, const QString& text);
    bool settled(const QLabel* label, int quietMs);
    bool save(const QString& fileName);

    QString m_outputDirectory;
    QString m_webhookUrl;
    QList<Step> m_steps;
    qsizetype m_current = 0;
    QTimer m_timer;
    QElapsedTimer m_stepClock;
    QElapsedTimer m_quietClock;
    QString m_lastText;
    bool m_clicked = false;
};

class ScreenshotDriverPlugin : public QGenericPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID QGenericPluginFactoryInterface_iid FILE "screenshotdriver.json")

public:
    QObject* create(const QString& key, const QString& specification) override;
};

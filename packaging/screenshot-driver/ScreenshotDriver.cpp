#include "ScreenshotDriver.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPixmap>
#include <QProgressBar>
#include <QTabWidget>
#include <QTableView>
#include <QWindow>

#include <cstdio>

namespace {

void say(const QString& text)
{
    std::fprintf(stdout, "crochet-screenshots: %s\n", qPrintable(text));
    std::fflush(stdout);
}

} // namespace

ScreenshotDriver::ScreenshotDriver(const QString& outputDirectory, const QString& webhookUrl)
    : m_outputDirectory(outputDirectory)
    , m_webhookUrl(webhookUrl)
{
    addSteps();
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &ScreenshotDriver::tick);
    m_timer.start();
    m_stepClock.start();
}

void ScreenshotDriver::addSteps()
{
    m_steps = {
        { QStringLiteral("waiting for the main window"),
          [this] {
              auto* window = mainWindow();
              if (window == nullptr || window->windowHandle() == nullptr || !window->windowHandle()->isExposed()) {
                  return false;
              }
              window->resize(window->minimumSizeHint().expandedTo(QSize(1024, 720)));
              window->move(0, 0);
              return true;
          } },
        { QStringLiteral("letting the window settle"),
          [this] {
              return m_stepClock.elapsed() > 800;
          } },

        // General settings: a URL typed by hand, then a successful test.
        { QStringLiteral("opening Settings, General"),
          [this] {
              return showTab("mainTabs", "settingsTab") && showTab("settingsTabs", "generalTab");
          } },
        { QStringLiteral("typing the webhook URL"),
          [this] {
              auto* edit = child<QLineEdit>("webhookUrlEdit");
              if (edit == nullptr || !edit->isEnabled() || edit->isReadOnly()) {
                  return false;
              }
              edit->setFocus();
              edit->selectAll();
              type(edit, m_webhookUrl);
              return edit->text() == m_webhookUrl;
          } },
        { QStringLiteral("sending the test notification"),
          [this] {
              auto* button = child<QAbstractButton>("testButton");
              if (button == nullptr || !button->isEnabled()) {
                  return false;
              }
              button->click();
              return true;
          } },
        { QStringLiteral("waiting for the test's outcome"),
          [this] {
              const auto* progress = child<QProgressBar>("testProgress");
              const auto* label = child<QLabel>("testResultLabel");
              if (label == nullptr || (progress != nullptr && progress->isVisible())) {
                  return false;
              }
              return settled(label, 700);
          } },
        { QStringLiteral("saving general-fr.png"),
          [this] {
              say(QStringLiteral("test result: ") + child<QLabel>("testResultLabel")->text());
              return save(QStringLiteral("general-fr.png"));
          } },

        // Users: the creation form, used to create an account.
        { QStringLiteral("opening Users"),
          [this] {
              return showTab("mainTabs", "usersTab");
          } },
        { QStringLiteral("filling in the creation form"),
          [this] {
              auto* name = child<QLineEdit>("nameEdit");
              auto* email = child<QLineEdit>("emailEdit");
              auto* password = child<QLineEdit>("passwordEdit");
              auto* confirmation = child<QLineEdit>("confirmEdit");
              if (name == nullptr || email == nullptr || password == nullptr || confirmation == nullptr) {
                  return false;
              }
              const auto secret = QStringLiteral("correct-horse-42");
              name->setFocus();
              type(name, QStringLiteral("Camille Rousseau"));
              type(email, QStringLiteral("camille.rousseau@example.org"));
              type(password, secret);
              type(confirmation, secret);
              if (auto* role = child<QComboBox>("roleCombo"); role != nullptr) {
                  role->setCurrentIndex(qMax(0, role->findData(QStringLiteral("admin"))));
              }
              return true;
          } },
        { QStringLiteral("creating the account"),
          [this] {
              auto* button = child<QAbstractButton>("createButton");
              if (button == nullptr || !button->isEnabled()) {
                  return false;
              }
              button->click();
              return true;
          } },
        { QStringLiteral("waiting for the account's notification"),
          [this] {
              const auto* label = child<QLabel>("creationResultLabel");
              return label != nullptr && settled(label, 2000);
          } },
        { QStringLiteral("saving users-fr.png"),
          [this] {
              say(QStringLiteral("creation result: ") + child<QLabel>("creationResultLabel")->text());
              return save(QStringLiteral("users-fr.png"));
          } },

        // Deliveries: the history, with the newest notification's attempts.
        { QStringLiteral("opening Deliveries"),
          [this] {
              return showTab("mainTabs", "deliveriesTab");
          } },
        { QStringLiteral("selecting the newest notification"),
          [this] {
              auto* view = child<QTableView>("deliveriesView");
              if (view == nullptr || view->model() == nullptr || view->model()->rowCount() == 0) {
                  return false;
              }
              view->setFocus();
              view->selectRow(0);
              m_stepClock.restart();
              return true;
          } },
        { QStringLiteral("letting the details load"),
          [this] {
              return m_stepClock.elapsed() > 1500;
          } },
        { QStringLiteral("saving deliveries-fr.png"),
          [this] {
              return save(QStringLiteral("deliveries-fr.png"));
          } },
    };
}

void ScreenshotDriver::tick()
{
    if (m_current >= m_steps.size()) {
        return;
    }
    const auto& step = m_steps.at(m_current);
    if (step.run()) {
        ++m_current;
        m_stepClock.restart();
        m_quietClock.invalidate();
        m_lastText.clear();
        if (m_current == m_steps.size()) {
            m_timer.stop();
            say(QStringLiteral("done"));
            QCoreApplication::exit(0);
        }
        return;
    }
    if (m_stepClock.elapsed() > step.timeLimitMs) {
        fail(QStringLiteral("timed out while ") + step.what);
    }
}

void ScreenshotDriver::fail(const QString& message)
{
    m_timer.stop();
    std::fprintf(stderr, "crochet-screenshots: %s\n", qPrintable(message));
    QCoreApplication::exit(3);
}

QMainWindow* ScreenshotDriver::mainWindow() const
{
    const auto widgets = QApplication::topLevelWidgets();
    for (auto* widget : widgets) {
        auto* window = qobject_cast<QMainWindow*>(widget);
        if (window != nullptr && window->isVisible()
            && window->findChild<QTabWidget*>(QStringLiteral("mainTabs")) != nullptr) {
            return window;
        }
    }
    return nullptr;
}

template<typename T>
T* ScreenshotDriver::child(const char* name) const
{
    auto* window = mainWindow();
    return window == nullptr ? nullptr : window->findChild<T*>(QLatin1String(name));
}

bool ScreenshotDriver::showTab(const char* tabWidgetName, const char* pageName)
{
    auto* tabs = child<QTabWidget>(tabWidgetName);
    auto* page = child<QWidget>(pageName);
    if (tabs == nullptr || page == nullptr || tabs->indexOf(page) < 0) {
        return false;
    }
    tabs->setCurrentWidget(page);
    return tabs->currentWidget() == page;
}

void ScreenshotDriver::type(QWidget* widget, const QString& text)
{
    widget->setFocus();
    for (const auto character : text) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(character));
        QCoreApplication::sendEvent(widget, &press);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(character));
        QCoreApplication::sendEvent(widget, &release);
    }
}

bool ScreenshotDriver::settled(const QLabel* label, int quietMs)
{
    const auto text = label->text();
    if (text.isEmpty()) {
        return false;
    }
    if (!m_quietClock.isValid() || text != m_lastText) {
        m_lastText = text;
        m_quietClock.start();
        return false;
    }
    return m_quietClock.elapsed() >= quietMs;
}

bool ScreenshotDriver::save(const QString& fileName)
{
    auto* window = mainWindow();
    const auto path = QDir(m_outputDirectory).filePath(fileName);
    if (window == nullptr || !window->grab().save(path, "PNG")) {
        fail(QStringLiteral("cannot write ") + path);
        return false;
    }
    say(QStringLiteral("wrote ") + path);
    return true;
}

QObject* ScreenshotDriverPlugin::create(const QString& key, const QString& specification)
{
    Q_UNUSED(specification)
    if (key.compare(QLatin1String("crochetscreenshots"), Qt::CaseInsensitive) != 0) {
        return nullptr;
    }
    const auto directory = qEnvironmentVariable("CROCHET_SCREENSHOT_DIR", QDir::currentPath());
    const auto url =
        qEnvironmentVariable("CROCHET_SCREENSHOT_URL", QStringLiteral("http://127.0.0.1:8787/hooks/crochet"));
    return new ScreenshotDriver(directory, url);
}

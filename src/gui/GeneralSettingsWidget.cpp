#include "GeneralSettingsWidget.h"

#include "Combos.h"
#include "Feedback.h"
#include "outbox/Notification.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "ui_GeneralSettingsWidget.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookSender.h"
#include "webhooks/WebhookUrl.h"

#include <QEvent>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QShortcut>

GeneralSettingsWidget::GeneralSettingsWidget(Settings* settings, EndpointStore* endpoints, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::GeneralSettingsWidget)
    , m_settings(settings)
    , m_network(new QNetworkAccessManager(this))
    , m_sender(new WebhookSender(m_network, this))
    , m_endpoints(endpoints)
    , m_sharedLabel(new QLabel(this))
{
    m_ui->setupUi(this);
    m_sharedLabel->setObjectName(QStringLiteral("sharedSettingsLabel"));
    m_sharedLabel->setWordWrap(true);
    m_sharedLabel->setVisible(m_settings->database()->isShared());
    m_ui->mainLayout->insertWidget(0, m_sharedLabel);
    // The range every endpoint has, wherever it is edited.
    m_ui->timeoutSpin->setRange(Endpoint::MinimumTimeoutSeconds, Endpoint::MaximumTimeoutSeconds);
    // The messages under the URL and the format come and go as one types: their space stays, so that nothing
    // below them moves.
    for (auto* label : { m_ui->urlMessageLabel, m_ui->autoFormatLabel }) {
        auto policy = label->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        label->setSizePolicy(policy);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    }
    reserveMessageSpace();
    fillFormatCombo();
    retranslate();
    Feedback::clear(m_ui->testResultLabel);

    connect(m_ui->webhookUrlEdit, &QLineEdit::textChanged, this, [this] {
        updateUrlFeedback();
        updateAutoFormat();
        // A result belongs to the URL it was sent to.
        if ((m_lastResult || isTestRunning()) && currentUrl() != m_testUrl) {
            m_lastResult.reset();
            Feedback::clear(m_ui->testResultLabel);
        }
        updateButtons();
    });
    connect(m_ui->webhookUrlEdit, &QLineEdit::returnPressed, this, [this] {
        if (m_ui->saveButton->isEnabled()) {
            saveSettings();
        }
    });
    connect(m_ui->formatCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateAutoFormat();
        updateButtons();
    });
    connect(m_ui->timeoutSpin, &QSpinBox::valueChanged, this, &GeneralSettingsWidget::updateButtons);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &GeneralSettingsWidget::saveSettings);
    connect(m_ui->revertButton, &QPushButton::clicked, this, &GeneralSettingsWidget::loadSettings);
    connect(m_ui->testButton, &QPushButton::clicked, this, &GeneralSettingsWidget::sendTest);
    connect(m_ui->testCancelButton, &QPushButton::clicked, this, &GeneralSettingsWidget::cancelTest);
    auto* escape = new QShortcut(QKeySequence::Cancel, this, this, &GeneralSettingsWidget::cancelTest);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    // The Webhooks page (or a test) changed the main endpoint: show it, unless that would drop edits not yet saved.
    connect(m_endpoints, &EndpointStore::changed, this, [this] {
        if (!hasUnsavedChanges()) {
            loadSettings();
        }
    });

    loadSettings();
}

GeneralSettingsWidget::~GeneralSettingsWidget()
{
    if (m_test) {
        disconnect(m_test, nullptr, this, nullptr);
        m_test->cancel();
    }
}

void GeneralSettingsWidget::loadSettings()
{
    const auto main = m_endpoints->main();
    m_mainId = main.id;
    m_savedUrl = main.url;
    m_savedFormat = PayloadFormat::key(main.format);
    m_savedTimeout = main.timeoutSeconds;

    m_ui->webhookUrlEdit->setText(m_savedUrl);
    const auto formatIndex = m_ui->formatCombo->findData(m_savedFormat);
    m_ui->formatCombo->setCurrentIndex(qMax(0, formatIndex));
    m_ui->timeoutSpin->setValue(m_savedTimeout);

    updateEnvironmentNotice();
    updateUrlFeedback();
    updateAutoFormat();
    updateButtons();
}

bool GeneralSettingsWidget::saveSettings()
{
    const auto url = currentUrl();
    if (WebhookUrl::validate(url).verdict == WebhookUrl::Verdict::Invalid) {
        return false;
    }
    const auto format = PayloadFormat::key(currentFormat());
    const auto timeout = m_ui->timeoutSpin->value();

    // Only what changed here is written: the Webhooks page may have changed the rest of the endpoint meanwhile.
    const bool written = m_endpoints->update(m_mainId, [&](Endpoint& endpoint) {
        if (url != m_savedUrl) {
            endpoint.url = url;
        }
        if (format != m_savedFormat) {
            endpoint.format = currentFormat();
        }
        if (timeout != m_savedTimeout) {
            endpoint.timeoutSeconds = timeout;
        }
        return true;
    });
    if (!written) {
        // Nothing was written: show what is stored, and say so.
        loadSettings();
        Feedback::show(m_ui->urlMessageLabel,
                       tr("The settings could not be written to the database; nothing was changed."),
                       Feedback::Kind::Error);
        emit saveFailed();
        return false;
    }
    m_savedUrl = url;
    m_savedFormat = format;
    m_savedTimeout = timeout;
    updateButtons();
    emit saved();
    return true;
}

bool GeneralSettingsWidget::hasUnsavedChanges() const
{
    return currentUrl() != m_savedUrl || PayloadFormat::key(currentFormat()) != m_savedFormat
        || m_ui->timeoutSpin->value() != m_savedTimeout;
}

bool GeneralSettingsWidget::isTestRunning() const
{
    return !m_test.isNull();
}

void GeneralSettingsWidget::focusUrl()
{
    m_ui->webhookUrlEdit->setFocus(Qt::OtherFocusReason);
    m_ui->webhookUrlEdit->selectAll();
}

void GeneralSettingsWidget::reserveMessageSpace()
{
    const int twoLines = fontMetrics().lineSpacing() * 2;
    m_ui->urlMessageLabel->setMinimumHeight(twoLines);
    m_ui->autoFormatLabel->setMinimumHeight(twoLines);
}

QString GeneralSettingsWidget::currentUrl() const
{
    return m_ui->webhookUrlEdit->text().trimmed();
}

PayloadFormat::Format GeneralSettingsWidget::currentFormat() const
{
    return PayloadFormat::fromKey(m_ui->formatCombo->currentData().toString()).value_or(PayloadFormat::Auto);
}

void GeneralSettingsWidget::fillFormatCombo()
{
    Combos::fillFormats(m_ui->formatCombo);
}

void GeneralSettingsWidget::updateUrlFeedback()
{
    auto* label = m_ui->urlMessageLabel;
    const auto check = WebhookUrl::validate(currentUrl());
    switch (check.verdict) {
    case WebhookUrl::Verdict::Valid:
        Feedback::clear(label);
        break;
    case WebhookUrl::Verdict::Empty:
        Feedback::show(label, tr("No webhook: accounts are created without any notification."), Feedback::Kind::Info);
        break;
    case WebhookUrl::Verdict::Invalid:
        Feedback::show(label, check.message, Feedback::Kind::Error);
        break;
    }
}

void GeneralSettingsWidget::updateAutoFormat()
{
    const auto hint = PayloadFormat::autoHint(currentFormat(), currentUrl());
    if (hint.isEmpty()) {
        Feedback::clear(m_ui->autoFormatLabel);
    } else {
        Feedback::show(m_ui->autoFormatLabel, hint, Feedback::Kind::Info);
    }
}

void GeneralSettingsWidget::updateEnvironmentNotice()
{
    if (const auto fromEnvironment = EndpointStore::environment()) {
        if (const auto check = WebhookUrl::validate(fromEnvironment->url); !check.isValid()) {
            Feedback::show(
                m_ui->environmentNoticeLabel,
                tr("The URL in %1 is not valid: %2").arg(QLatin1String(WebhookUrl::EnvironmentVariable), check.message),
                Feedback::Kind::Error);
            return;
        }
        Feedback::show(m_ui->environmentNoticeLabel,
                       tr("The environment variable %1 is set: new accounts are also notified to %2, as an endpoint "
                          "of its own (see Settings → Webhooks). This field is the main endpoint's URL.")
                           .arg(QLatin1String(WebhookUrl::EnvironmentVariable), WebhookUrl::mask(fromEnvironment->url)),
                       Feedback::Kind::Info);
    } else {
        Feedback::clear(m_ui->environmentNoticeLabel);
    }
}

void GeneralSettingsWidget::updateButtons()
{
    const bool running = isTestRunning();
    const bool urlAcceptable = WebhookUrl::validate(currentUrl()).verdict != WebhookUrl::Verdict::Invalid;
    const bool dirty = hasUnsavedChanges();
    m_ui->saveButton->setEnabled(urlAcceptable && dirty);
    m_ui->revertButton->setEnabled(dirty);
    m_ui->testButton->setEnabled(!running && WebhookUrl::validate(currentUrl()).isValid());
    m_ui->testCancelButton->setVisible(running);
    m_ui->testProgress->setVisible(running);
}

void GeneralSettingsWidget::sendTest()
{
    if (isTestRunning()) {
        return;
    }
    m_testUrl = currentUrl();
    // The saved configuration (signing, headers) with the fields' current, possibly unsaved, values.
    const auto main = m_endpoints->main();
    auto config = WebhookConfig::forEndpoint(main, NetworkOptions::load(*m_settings));
    config.url = currentUrl();
    config.format = currentFormat();
    config.timeoutSeconds = m_ui->timeoutSpin->value();

    const auto check = WebhookUrl::validate(config.url);
    if (!check.isValid()) {
        DeliveryResult result;
        result.outcome = check.verdict == WebhookUrl::Verdict::Empty ? DeliveryResult::Outcome::NotConfigured
                                                                     : DeliveryResult::Outcome::InvalidUrl;
        result.detail = check.message;
        onTestFinished(result);
        return;
    }
    m_lastResult.reset();
    Feedback::show(m_ui->testResultLabel, tr("Sending the test notification…"), Feedback::Kind::Info);
    auto test = Notification::test();
    test.text = main.messageTemplate(Event::WebhookTest);
    m_test = m_sender->send(config.request(test, check.url));
    connect(m_test, &PendingDelivery::finished, this, &GeneralSettingsWidget::onTestFinished);
    updateButtons();
    m_ui->testCancelButton->setFocus();
}

void GeneralSettingsWidget::cancelTest()
{
    if (m_test) {
        m_test->cancel();
    }
}

void GeneralSettingsWidget::onTestFinished(const DeliveryResult& result)
{
    const bool hadFocus = m_ui->testCancelButton->hasFocus();
    m_test.clear();
    if (result.isSuccess()) {
        // The webhook answers again: whatever a 410 said before, it exists.
        m_endpoints->update(m_mainId, [this](Endpoint& endpoint) {
            const bool wasGone = endpoint.goneAt.isValid() && endpoint.url.trimmed() == m_testUrl;
            endpoint.goneAt = {};
            return wasGone;
        });
    }
    if (currentUrl() == m_testUrl) {
        m_lastResult = result;
        m_lastResult->isTest = true;
        showTestResult();
    }
    updateButtons();
    if (hadFocus) {
        m_ui->testButton->setFocus();
    }
    emit testFinished(result);
}

void GeneralSettingsWidget::showTestResult()
{
    if (!m_lastResult) {
        return;
    }
    Feedback::show(m_ui->testResultLabel, m_lastResult->summary(),
                   m_lastResult->isSuccess() ? Feedback::Kind::Success : Feedback::Kind::Error);
}

void GeneralSettingsWidget::retranslate()
{
    //: Unit after the timeout value, in seconds.
    m_ui->timeoutSpin->setSuffix(tr(" s"));
    m_sharedLabel->setText(tr("These settings are shared with your team: they are kept in the PostgreSQL database %1, "
                              "which every administrator's Crochet uses.")
                               .arg(m_settings->database()->describe()));
    fillFormatCombo();
    updateEnvironmentNotice();
    updateUrlFeedback();
    updateAutoFormat();
    if (isTestRunning()) {
        Feedback::show(m_ui->testResultLabel, tr("Sending the test notification…"), Feedback::Kind::Info);
    } else {
        showTestResult();
    }
}

void GeneralSettingsWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    } else if (event->type() == QEvent::FontChange) {
        reserveMessageSpace();
    }
    QWidget::changeEvent(event);
}

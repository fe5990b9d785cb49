#pragma once

#include "outbox/Notification.h"
#include "webhooks/Endpoint.h"

#include <QDialog>
#include <QHash>

#include <memory>

class QCheckBox;
class QTableWidgetItem;

namespace Ui {
class EndpointDialog;
}

// The endpoint editor of Settings → Webhooks: URL, format, timeout, events, a message per event with a live preview of
// the body sent, the signing secret and the custom headers. Save writes the whole endpoint in one transaction, or
// nothing, and the dialog stays open with the reason.
class EndpointDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        Add,
        Edit,
        Duplicate, // a new endpoint with the settings of the one given, under another name
    };

    EndpointDialog(EndpointStore* store, Mode mode, const Endpoint& endpoint, QWidget* parent = nullptr);
    ~EndpointDialog() override;

    Mode mode() const { return m_mode; }
    // The endpoint as the fields describe it.
    Endpoint endpoint() const;
    // The event whose message is being edited and previewed.
    Event templateEvent() const;

    // The account the preview shows, always the same so that the preview is stable.
    static Notification sampleNotification(Event event);
    // The body endpoint would send for event with the sample account, JSON indented for reading.
    static QString previewBody(const Endpoint& endpoint, Event event);

public slots:
    // Validates and saves; on refusal the dialog stays open and says why.
    void accept() override;

signals:
    void endpointSaved(qint64 id);

protected:
    void changeEvent(QEvent* event) override;

private:
    void load();
    void addEventChecks();
    void fillFormatCombo();
    void fillTemplateEvents();
    PayloadFormat::Format currentFormat() const;
    QList<Event> checkedEvents() const;
    bool enabledChecked() const;
    void showTemplate(Event event);
    void onTemplateEdited();
    void updateUrlFeedback();
    void updateAutoFormat();
    // The digest check box follows the format's default until the administrator chooses; its hint says what it does.
    void updateDigest();
    void updateStateNotice();
    void updateTemplateFeedback();
    void updatePreview();
    void generateSecret();
    void clearSecret();
    void updateSecret();
    void fillHeaders(const HeaderList& headers);
    HeaderList tableHeaders() const;
    void addHeader();
    void removeHeader();
    void onHeaderChanged(QTableWidgetItem* item);
    QString headersProblem() const;
    void updateHeaderButtons();
    void showError(const QString& text);
    void retranslate();

    const std::unique_ptr<Ui::EndpointDialog> m_ui;
    EndpointStore* m_store;
    Mode m_mode;
    // The endpoint the dialog was opened with (for a duplicate: the copy, not yet stored).
    Endpoint m_original;
    QHash<Event, QCheckBox*> m_eventChecks;
    QHash<Event, QString> m_templates;
    QString m_secret;
    QString m_previousSecret;
    QDateTime m_previousSecretExpiresAt;
    bool m_initialEnabled = true;
    // The administrator's choice of digest; unset: the format's default, followed as the format or URL changes.
    std::optional<bool> m_digestChoice;
    bool m_secretChanged = false;
    bool m_headersChanged = false;
    bool m_filling = false;
};

#include "ImportPanel.h"

#include "Feedback.h"
#include "outbox/DeliveryService.h"
#include "storage/Database.h"
#include "text/SafeText.h"
#include "ui_ImportPanel.h"
#include "webhooks/Endpoint.h"

#include <QEvent>
#include <QFileDialog>
#include <QLocale>
#include <QStandardPaths>

ImportPanel::ImportPanel(Database* database, DeliveryService* deliveries, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::ImportPanel)
    , m_database(database)
    , m_deliveries(deliveries)
    , m_importer(new UserImporter(database, this))
{
    m_ui->setupUi(this);
    m_ui->importReportView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->importButton->setAutoDefault(true);
    Feedback::clear(m_ui->importSummaryLabel);
    m_ui->importReportView->hide();
    updateImportControls();
    connect(m_ui->importReportCloseButton, &QPushButton::clicked, this, &ImportPanel::closeImportReport);
    connect(m_ui->importButton, &QPushButton::clicked, this, &ImportPanel::chooseImportFile);
    connect(m_ui->importCancelButton, &QPushButton::clicked, this, &ImportPanel::cancelImport);
    connect(m_importer, &UserImporter::progress, this, &ImportPanel::onImportProgress);
    connect(m_importer, &UserImporter::finished, this, &ImportPanel::onImportFinished);
    if (m_deliveries) {
        connect(m_importer, &UserImporter::batchCommitted, m_deliveries, &DeliveryService::wake);
    }
}

ImportPanel::~ImportPanel()
{
    m_importer->cancel();
}

void ImportPanel::chooseImportFile()
{
    const auto path = QFileDialog::getOpenFileName(this, tr("Import accounts"),
                                                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
                                                   tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty()) {
        importFile(path);
    }
}

bool ImportPanel::importFile(const QString& path)
{
    if (m_importer->isRunning()) {
        return false;
    }
    m_importSummary.reset();
    m_importNotified = !EndpointStore::subscribers(m_database->connection(), Event::UserCreated).isEmpty();
    m_ui->importProgress->setRange(0, 0);
    m_ui->importProgress->setValue(0);
    m_ui->importReportView->setRowCount(0);
    m_ui->importReportView->hide();
    m_importer->start(path);
    updateImportControls();
    showImportSummary();
    m_ui->importCancelButton->setFocus();
    return true;
}

void ImportPanel::cancelImport()
{
    if (m_importer->isRunning()) {
        m_importer->cancel();
        m_ui->importCancelButton->setEnabled(false);
    }
}

void ImportPanel::closeImportReport()
{
    if (m_importer->isRunning()) {
        return;
    }
    m_importSummary.reset();
    m_ui->importReportView->setRowCount(0);
    m_ui->importReportView->hide();
    updateImportControls();
    showImportSummary();
    m_ui->importButton->setFocus();
}

void ImportPanel::onImportProgress(int done, int total)
{
    if (m_ui->importProgress->maximum() != total) {
        m_ui->importProgress->setRange(0, total);
    }
    m_ui->importProgress->setValue(done);
}

void ImportPanel::onImportFinished(const UserImporter::Summary& summary)
{
    m_importSummary = summary;
    if (summary.error.isEmpty() && !summary.cancelled) {
        m_ui->importProgress->setRange(0, qMax(1, m_ui->importProgress->maximum()));
        m_ui->importProgress->setValue(m_ui->importProgress->maximum());
    }
    auto* report = m_ui->importReportView;
    report->setRowCount(static_cast<int>(summary.refused.size()));
    for (int row = 0; row < summary.refused.size(); ++row) {
        const auto& refused = summary.refused.at(row);
        auto* line = new QTableWidgetItem;
        line->setData(Qt::DisplayRole, refused.line);
        report->setItem(row, 0, line);
        report->setItem(row, 1, new QTableWidgetItem(SafeText::printable(refused.reason)));
    }
    report->setVisible(!summary.refused.isEmpty());
    updateImportControls();
    showImportSummary();
    if (m_deliveries && summary.created > 0) {
        m_deliveries->wake();
    }
    if (m_ui->importCancelButton->hasFocus() || !focusWidget()) {
        m_ui->importButton->setFocus();
    }
    emit importFinished(summary);
}

void ImportPanel::showImportSummary()
{
    auto* label = m_ui->importSummaryLabel;
    if (m_importer->isRunning()) {
        Feedback::show(label, tr("Importing accounts…"), Feedback::Kind::Info);
        return;
    }
    if (!m_importSummary) {
        Feedback::clear(label);
        return;
    }
    const auto& summary = *m_importSummary;
    if (!summary.error.isEmpty()) {
        Feedback::show(label, summary.error, Feedback::Kind::Error);
        return;
    }
    QStringList parts;
    if (summary.cancelled) {
        parts << tr("Import cancelled; the accounts already created are kept.");
    }
    parts << tr("Accounts created: %1.").arg(QLocale().toString(summary.created));
    if (!summary.refused.isEmpty()) {
        parts << tr("Lines refused: %1, listed below.").arg(QLocale().toString(summary.refused.size()));
    }
    if (summary.created > 0) {
        parts << (m_importNotified ? tr("Their notifications are being delivered (see Deliveries).")
                                   : tr("No webhook is configured, so no notification was sent."));
    }
    const auto kind = summary.created > 0 && !m_importNotified ? Feedback::Kind::Warning
        : summary.refused.isEmpty() && !summary.cancelled      ? Feedback::Kind::Success
                                                               : Feedback::Kind::Info;
    Feedback::show(label, parts.join(QLatin1Char(' ')), kind);
}

void ImportPanel::updateImportControls()
{
    const bool running = m_importer->isRunning();
    m_ui->importButton->setEnabled(!running);
    m_ui->importCancelButton->setVisible(running);
    m_ui->importCancelButton->setEnabled(running);
    m_ui->importProgress->setVisible(running || m_importSummary.has_value());
    m_ui->importReportCloseButton->setVisible(!running && m_importSummary.has_value());
}

void ImportPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        showImportSummary();
    }
    QWidget::changeEvent(event);
}

#pragma once

#include "users/UserImporter.h"

#include <QWidget>

#include <memory>
#include <optional>

class Database;
class DeliveryService;

namespace Ui {
class ImportPanel;
}

// The CSV import of the Users page: its button, progress, summary and the lines it refused. The file is read and the
// accounts written off the GUI thread (UserImporter).
class ImportPanel : public QWidget
{
    Q_OBJECT

public:
    // deliveries may be null: notifications are then recorded for whichever process delivers next.
    ImportPanel(Database* database, DeliveryService* deliveries, QWidget* parent = nullptr);
    ~ImportPanel() override;

    bool isImporting() const { return m_importer->isRunning(); }

    // Imports the accounts of a CSV file (what "Import CSV…" does once a file is chosen). Returns false when an
    // import is already running.
    bool importFile(const QString& path);
    void cancelImport();
    // Hides the result of the last import.
    void closeImportReport();

signals:
    void importFinished(const UserImporter::Summary& summary);

protected:
    void changeEvent(QEvent* event) override;

private:
    void chooseImportFile();
    void onImportProgress(int done, int total);
    void onImportFinished(const UserImporter::Summary& summary);
    void showImportSummary();
    void updateImportControls();

    const std::unique_ptr<Ui::ImportPanel> m_ui;
    Database* m_database;
    DeliveryService* m_deliveries;
    UserImporter* m_importer;
    std::optional<UserImporter::Summary> m_importSummary;
    bool m_importNotified = false;
};

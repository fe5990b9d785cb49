#pragma once

#include <QObject>
#include <QStringList>

class Database;

// Wake-ups without polling on PostgreSQL: LISTENs on channels (SqlDialect::OutboxChannel, SettingsChannel) on the
// connection of the thread it is created in, which must run an event loop, and says when another connection, in any
// process, NOTIFYed one of them. On SQLite it never fires: polling is all there is.
class DatabaseListener final : public QObject
{
    Q_OBJECT

public:
    DatabaseListener(Database* database, const QStringList& channels, QObject* parent = nullptr);

    bool isListening() const { return m_listening; }

signals:
    void notified(const QString& channel);

private:
    bool m_listening = false;
};

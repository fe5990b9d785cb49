#pragma once

#include <QList>
#include <QObject>
#include <QVariant>

#include <functional>
#include <optional>

class Database;

// Settings kept in the database, so the window and the CLI share them.
// Each endpoint keeps its own (EndpointStore); these apply to all. One table below names every key, where it is stored
// and its default.
class Settings : public QObject
{
    Q_OBJECT

public:
    enum class Key
    {
        ProxyUrl,
        CaCertificateFile,
        HostPolicy,
        AllowedHosts,
        HistoryRetentionDays,
    };
    Q_ENUM(Key)

    // Changes written together by apply(): each key is set to a value, or reset to its default (its row removed).
    class Batch
    {
    public:
        Batch& set(Key key, const QVariant& value);
        Batch& reset(Key key);
        bool isEmpty() const { return m_changes.isEmpty(); }

    private:
        friend class Settings;
        QList<std::pair<Key, std::optional<QVariant>>> m_changes; // nullopt: reset
    };

    explicit Settings(Database* database, QObject* parent = nullptr);

    Database* database() const { return m_database; }
    QVariant get(Key key) const;
    // Writes every change in one transaction: all of them or none. changed() follows the commit, once per key.
    bool apply(const Batch& batch);
    // Builds the batch inside the write transaction, so that what build() reads with get() cannot change before the
    // commit (read-modify-write, such as adding a header or rotating the secret). build() returns false to write
    // nothing.
    bool update(const std::function<bool(Batch& batch)>& build);
    bool set(Key key, const QVariant& value);
    bool reset(Key key);

    QString string(Key key) const { return get(key).toString(); }
    int integer(Key key) const { return get(key).toInt(); }

    static QString storageName(Key key);
    static QVariant defaultValue(Key key);

signals:
    void changed(Settings::Key key);

private:
    // The transaction of update(): fills batch through build() and writes it.
    bool write(const std::function<bool(Batch& batch)>& build, Batch* batch);

    Database* m_database;
};

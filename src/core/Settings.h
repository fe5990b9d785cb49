#pragma once

#include <QObject>
#include <QVariant>

class Database;

// Webhook settings kept in the database, so the window and the CLI share them.
// One table below names every key, where it is stored and its default.
class Settings : public QObject
{
    Q_OBJECT

public:
    enum class Key
    {
        WebhookUrl,
        PayloadFormat,
        TimeoutSeconds,
        SigningSecret,
        PreviousSigningSecret,
        PreviousSecretExpiresAt,
        CustomHeaders,
        ProxyUrl,
        CaCertificateFile,
        HostPolicy,
        AllowedHosts,
        HistoryRetentionDays,
        GoneWebhook, // the URL that answered 410 Gone (its hash), see DeliveryHold
    };
    Q_ENUM(Key)

    explicit Settings(Database* database, QObject* parent = nullptr);

    QVariant get(Key key) const;
    bool set(Key key, const QVariant& value);
    bool reset(Key key);

    QString string(Key key) const { return get(key).toString(); }
    int integer(Key key) const { return get(key).toInt(); }

    static QString storageName(Key key);
    static QVariant defaultValue(Key key);

signals:
    void changed(Settings::Key key);

private:
    Database* m_database;
};

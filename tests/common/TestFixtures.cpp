#include "TestFixtures.h"

#include "storage/Database.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"
#include "webhooks/WebhookConfig.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <sys/stat.h>

namespace TestFixtures {

QByteArray pendingAccountsCsv(int count)
{
    QByteArray csv = "name,email,password,role\n";
    for (int i = 0; i < count; ++i) {
        const auto number = QByteArray::number(i);
        csv += "User " + number + ",user" + number + "@example.com,,pending\n";
    }
    return csv;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

bool changeMainEndpoint(Database* database, const std::function<void(Endpoint& endpoint)>& change)
{
    EndpointStore store(database);
    return store.update(store.main().id, [&change](Endpoint& endpoint) {
        change(endpoint);
        return true;
    });
}

bool setWebhookUrl(Database* database, const QString& url)
{
    return changeMainEndpoint(database, [&url](Endpoint& endpoint) { endpoint.url = url; });
}

bool setWebhookTimeout(Database* database, int seconds)
{
    return changeMainEndpoint(database, [seconds](Endpoint& endpoint) { endpoint.timeoutSeconds = seconds; });
}

bool setWebhookFormat(Database* database, const QString& formatKey)
{
    return changeMainEndpoint(database, [&formatKey](Endpoint& endpoint) {
        endpoint.format = PayloadFormat::fromKey(formatKey).value_or(PayloadFormat::Auto);
    });
}

bool setSigningSecret(Database* database, const QString& secret)
{
    return changeMainEndpoint(database, [&secret](Endpoint& endpoint) { endpoint.signingSecret = secret; });
}

bool setWebhookHeaders(Database* database, const QString& headersJson)
{
    return changeMainEndpoint(
        database, [&headersJson](Endpoint& endpoint) { endpoint.headers = WebhookConfig::parseHeaders(headersJson); });
}

QString webhookUrl(Database* database)
{
    return EndpointStore(database).main().url;
}

QList<qint64> endpointIds(Database* database)
{
    QList<qint64> ids;
    for (const auto& endpoint : EndpointStore(database).list()) {
        ids.append(endpoint.id);
    }
    return ids;
}

QString createNotifiedUser(Database* database, const QString& email)
{
    NewUser user;
    user.name = email.section(QLatin1Char('@'), 0, 0);
    user.email = email;
    user.role = Role::Pending;
    const auto created = UserStore(database).create(user, QByteArray());
    return created.notifications.isEmpty() ? QString() : created.notifications.constFirst().id;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

mode_t modeOf(const QString& path)
{
    struct stat status = {};
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? status.st_mode & 07777 : 0;
}

// A Crochet database with one account, every page in the main file (the WAL checkpointed when it closes).
bool makeDatabase(const QString& path)
{
    Database database(path);
    if (!database.open()) {
        return false;
    }
    NewUser user;
    user.name = QStringLiteral("Ada");
    user.email = QStringLiteral("ada@example.com");
    return UserStore(&database).create(user, QByteArray()).ok;
}

// Overwrites the b-tree page header of the users table: the file still opens, but its pages no longer make sense.
bool damageUsersTable(const QString& path)
{
    int rootPage = 0;
    int pageSize = 0;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = 'users'")) && query.next()) {
                rootPage = query.value(0).toInt();
            }
            if (query.exec(QStringLiteral("PRAGMA page_size")) && query.next()) {
                pageSize = query.value(0).toInt();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
    QFile file(path);
    if (rootPage < 2 || pageSize == 0 || !file.open(QIODevice::ReadWrite)) {
        return false;
    }
    file.seek(qint64(rootPage - 1) * pageSize);
    return file.write(QByteArray(8, '\xff')) == 8;
}

bool copyDataFile(const QString& name, const QString& path)
{
    const auto source = QDir(qEnvironmentVariable("CROCHET_TEST_DATA")).filePath(name);
    return QFile::copy(source, path) && QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace TestFixtures

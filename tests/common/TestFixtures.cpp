#include "TestFixtures.h"

#include "storage/Database.h"
#include "users/UserStore.h"

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

QString createNotifiedUser(Database* database, const QString& email)
{
    NewUser user;
    user.name = email.section(QLatin1Char('@'), 0, 0);
    user.email = email;
    user.role = QStringLiteral("pending");
    const auto created = UserStore(database).create(user, QByteArray(), true);
    return created.notification ? created.notification->id : QString();
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
    return UserStore(&database).create(user, QByteArray(), false).ok;
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

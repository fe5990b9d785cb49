#include "TestFixtures.h"

#include "UserStore.h"

#include <QFile>

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

} // namespace TestFixtures

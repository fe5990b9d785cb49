#include "text/TimeFormat.h"

#include <QLocale>

QString TimeFormat::dateTime(const QDateTime& time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

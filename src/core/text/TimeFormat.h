#pragma once

#include <QDateTime>
#include <QString>

// The one way the window and messages show a moment: in local time, in the short format of the current locale.
class TimeFormat
{
public:
    // Empty for an invalid time.
    static QString dateTime(const QDateTime& time);
};

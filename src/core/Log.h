#pragma once

#include <QLoggingCategory>

// Logging categories; enable with QT_LOGGING_RULES="crochet.*.debug=true". Nothing secret is ever logged.
Q_DECLARE_LOGGING_CATEGORY(lcDatabase)
Q_DECLARE_LOGGING_CATEGORY(lcDelivery)
Q_DECLARE_LOGGING_CATEGORY(lcUsers)

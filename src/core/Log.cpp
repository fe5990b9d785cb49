#include "Log.h"

Q_LOGGING_CATEGORY(lcDatabase, "crochet.database", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDelivery, "crochet.delivery", QtWarningMsg)
Q_LOGGING_CATEGORY(lcUsers, "crochet.users", QtWarningMsg)

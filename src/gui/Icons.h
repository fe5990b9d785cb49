#pragma once

#include <QIcon>

// Icons compiled into the GUI library (resources/crochet.qrc), and the style's icons the window uses.
class Icons
{
public:
    // The application's icon: the SVG, with PNG sizes for systems without the SVG plugin.
    static QIcon application();
    // The icon of a notification's state ("pending", "delivered", "failed"), so that the state never rests on
    // colour or text alone.
    static QIcon deliveryState(const QString& stateKey);
    // Registers the GUI library's resources; needed because the library is static.
    static void initResources();
};

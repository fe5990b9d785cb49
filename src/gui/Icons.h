#pragma once

#include <QIcon>

// Icons compiled into the GUI library (resources/crochet.qrc).
class Icons
{
public:
    // The application's icon: the SVG, with PNG sizes for systems without the SVG plugin.
    static QIcon application();
    // Registers the GUI library's resources; needed because the library is static.
    static void initResources();
};

#pragma once
// `switchyard [DIR] [--screenshot FILE.png]`: the dashboard.

#include <QString>

namespace sy::app {

/// Runs the dashboard (creates the QApplication). DIR defaults to the bundled
/// example. With --screenshot it renders the main window into FILE once the
/// app is loaded and exits (0; 1 when loading failed or took too long).
int runGui(int argc, char *argv[]);

/// Installs the translators for the language chosen in the settings ("" =
/// the system locale). Returns the language code applied.
QString installTranslations(const QString &language);

} // namespace sy::app

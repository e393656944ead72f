#pragma once
// Dock tab titles stay readable: QMainWindow elides the titles of tabified docks
// to fit the tab bar (a narrow dock column with five docks showed "Test-..." and
// "Ap..." in German), so its tab bars show whole titles and scroll instead.
class QMainWindow;

namespace sy {

/// Makes every dock tab bar of `window` (now and whenever QMainWindow creates
/// one) keep whole titles (Qt::ElideNone) and scroll with arrow buttons.
void keepDockTabsReadable(QMainWindow *window);

} // namespace sy

#pragma once
// Help > Keyboard Shortcuts: a dialog listing the graph's keys
// (ModuleGraphActions::shortcutList) and the window's.
class QDialog;
class QWidget;

namespace sy {

class MainWindow;

/// Adds Help > Keyboard Shortcuts (F1 too) to `window`'s Help menu.
void installKeyboardShortcutsHelp(MainWindow &window);

/// The dialog itself (not shown; deleted on close).
QDialog *keyboardShortcutsDialog(QWidget *parent);

} // namespace sy

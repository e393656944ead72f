#include "keyboardShortcutsHelp.h"

#include "shell/mainWindow.h"
#include "views/graph/moduleGraphActions.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sy {

QDialog *keyboardShortcutsDialog(QWidget *parent)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("keyboardShortcutsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(
        QCoreApplication::translate("sy::KeyboardShortcuts", "Keyboard Shortcuts"));
    const QList<QPair<QString, QString>> rows = ModuleGraphActions::shortcutList();
    auto *table = new QTableWidget(int(rows.size()), 2, dialog);
    table->setHorizontalHeaderLabels(
        {QCoreApplication::translate("sy::KeyboardShortcuts", "Keys"),
         QCoreApplication::translate("sy::KeyboardShortcuts", "In the graph")});
    for (int r = 0; r < rows.size(); ++r) {
        table->setItem(r, 0, new QTableWidgetItem(rows[r].first));
        table->setItem(r, 1, new QTableWidgetItem(rows[r].second));
    }
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(560, 380);
    return dialog;
}

void installKeyboardShortcutsHelp(MainWindow &window)
{
    auto *help = window.findChild<QMenu *>(QStringLiteral("helpMenu"));
    if (!help)
        return;
    QAction *action = new QAction(
        QCoreApplication::translate("sy::KeyboardShortcuts", "&Keyboard Shortcuts"), help);
    action->setObjectName(QStringLiteral("actionKeyboardShortcuts"));
    action->setShortcut(QKeySequence::HelpContents);
    QObject::connect(action, &QAction::triggered, &window,
                     [&window] { keyboardShortcutsDialog(&window)->show(); });
    help->insertAction(help->actions().value(0), action);
}

} // namespace sy

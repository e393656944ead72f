#pragma once
// Keeps an item view of modules (the module list: a table over
// ModuleGraphModel, usually through a sort/filter proxy) and the dashboard's
// ModuleSelection the same, both ways: rows the user selects become the
// selection (the clicked row the current module); a selection made elsewhere
// selects its rows and scrolls the current one into view. Only changes the
// user makes in the view count (userInputGuard.h): rows removed or filtered
// out under the selection do not change it.
#include <QObject>
#include <QPointer>

class QAbstractItemView;
class QItemSelection;

namespace sy {

class ModuleSelection;
class UserInputGuard;

class ItemViewSelectionSync : public QObject {
    Q_OBJECT
public:
    /// `view`'s model has ModuleGraphModel's IdRole and EnvironmentRole;
    /// both must outlive the sync (it is a child of the view by default).
    ItemViewSelectionSync(QAbstractItemView *view, ModuleSelection *selection,
                          QObject *parent = nullptr);

    /// Selects the selection's rows again (after the view's model changed).
    void reapply();

private:
    void connectSelectionModel();
    void viewSelectionChanged();
    void rowsShown(int first, int last);
    void selectionChanged(QObject *origin);

    QPointer<QAbstractItemView> m_view;
    ModuleSelection *m_selection;
    bool m_applying = false;
    bool m_reapplyPending = false;
    UserInputGuard *m_userInput; ///< the view's changes the user made
};

} // namespace sy

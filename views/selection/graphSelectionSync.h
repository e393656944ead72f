#pragma once
// Keeps a module graph view's selected nodes and the dashboard's
// ModuleSelection the same, both ways: nodes the user selects (a click, a
// search match, a highlighted import chain) become the selection; a selection
// made elsewhere selects its nodes and brings the current one into view.
#include <QObject>
#include <QPointer>

namespace sy {

class ModuleGraphView;
class ModuleSelection;

class GraphSelectionSync : public QObject {
    Q_OBJECT
public:
    /// Both must outlive the sync (it is usually a child of the view).
    GraphSelectionSync(ModuleGraphView *view, ModuleSelection *selection,
                       QObject *parent = nullptr);

private:
    void sceneSelectionChanged();
    void selectionChanged(QObject *origin);

    QPointer<ModuleGraphView> m_view;
    ModuleSelection *m_selection;
    bool m_applying = false;
};

} // namespace sy

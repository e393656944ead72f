#pragma once
// The module list: every module of every environment as a sortable table
// over ModuleGraphModel, with a search box filtering as the graph's search
// matches (ModuleSearchProxy: an env: prefix, substring, else fuzzy).
#include "shell/moduleSearchProxy.h"

#include <QWidget>

class QAbstractItemModel;
class QLineEdit;
class QTreeView;

namespace sy {

class ModuleListView : public QWidget {
    Q_OBJECT
public:
    /// `modules` is a ModuleGraphModel (not owned).
    explicit ModuleListView(QAbstractItemModel *modules, QWidget *parent = nullptr);

    QLineEdit *searchBox() const { return m_search; }
    QTreeView *view() const { return m_view; }
    ModuleSearchProxy *proxy() const { return m_proxy; }

public slots:
    /// Focuses the search box and selects its text (Ctrl+F).
    void focusSearch();

private:
    QLineEdit *m_search;
    QTreeView *m_view;
    ModuleSearchProxy *m_proxy;
};

} // namespace sy

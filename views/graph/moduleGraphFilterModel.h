#pragma once
// Filters rows of a ModuleGraphModel for the graph view: environment, hide
// node_modules / optimized deps, only optimized deps, only directive modules,
// and focus on one module's neighbourhood.
#include <QSet>
#include <QSortFilterProxyModel>

namespace sy {

/// Proxy over any model with ModuleGraphModel's roles and columns. Filters
/// combine (a row must pass all of them).
class ModuleGraphFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ModuleGraphFilterModel(QObject *parent = nullptr);

    /// Only rows of `environment`; empty: all environments.
    void setEnvironment(const QString &environment);
    QString environment() const { return m_environment; }

    /// Hides modules under node_modules and optimized (pre-bundled) deps.
    void setHideNodeModules(bool hide);
    bool hideNodeModules() const { return m_hideNodeModules; }

    /// Shows only optimized deps (nodes with a browserHash).
    void setOnlyOptimizedDeps(bool only);
    bool onlyOptimizedDeps() const { return m_onlyOptimizedDeps; }

    /// Shows only modules with a "use client" or "use server" directive.
    void setOnlyDirectives(bool only);
    bool onlyDirectives() const { return m_onlyDirectives; }

    /// Shows only `id` of `environment`, its importers and its imports up to
    /// `depth` levels (computed now from the source model's imports).
    void setFocus(const QString &environment, const QString &id, int depth);
    void clearFocus();
    bool hasFocus() const { return m_focused; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    QString m_environment;
    bool m_hideNodeModules = false;
    bool m_onlyOptimizedDeps = false;
    bool m_onlyDirectives = false;
    bool m_focused = false;
    QSet<QString> m_focusKeys;
};

} // namespace sy

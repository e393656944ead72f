#pragma once
// Package and folder groups for the graph: a model over a module graph model
// (any model with ModuleGraphModel's roles and columns) in which each
// package's modules of one environment collapse into one row (see
// modulePackageGroup.h), until that group is expanded, and the app's modules
// of a folder the user collapsed collapse into one row per environment (see
// moduleFolderGroup.h), until it is expanded again. Imports are rewritten to
// point at the groups, so the graph draws one node per package or folder
// with the edges into and out of it.
#include "views/graph/moduleFolderGroup.h"
#include "views/graph/modulePackageGroup.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QVector>

namespace sy {

/// Table model with the source's columns and ModuleGraphModel's roles, plus
/// GroupSizeRole. A module row that belongs to no collapsed group passes
/// through (ImportsRole rewritten); a collapsed group is one row whose
/// IdRole is the group id (`package:react`, `folder:/app/src/app/pages`),
/// DisplayNameRole its name (`react`, `pages/`),
/// ImportsRole the union of its members' imports outside the group,
/// StaleRole/BrowserHash/Directives/Virtual summed up over its members.
/// Live: follows the source's inserts, changes and removals row by row.
class ModuleGroupModel : public QAbstractTableModel {
    Q_OBJECT
public:
    /// Number of modules in a group row (0 for a module row).
    static constexpr int GroupSizeRole = Qt::UserRole + 100;

    explicit ModuleGroupModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model);
    QAbstractItemModel *sourceModel() const { return m_source; }

    /// Collapses packages (default off: every module row passes through).
    void setGrouping(bool grouping);
    bool grouping() const { return m_grouping; }

    /// Expands or collapses the group `groupId` of `environment`. For a
    /// folder group this is setFolderCollapsed(its folder, !expanded).
    void setExpanded(const QString &environment, const QString &groupId, bool expanded);
    bool isExpanded(const QString &environment, const QString &groupId) const;

    /// Collapses the app's modules under `folder` (an absolute folder, like
    /// the ids) into one folder group per environment, or expands it again.
    /// Works with and without package grouping; a collapsed folder inside
    /// another collapsed folder is shown as the outer one.
    void setFolderCollapsed(const QString &folder, bool collapsed);
    bool isFolderCollapsed(const QString &folder) const;
    const QStringList &collapsedFolders() const { return m_collapsedFolders; }

    /// The id under which `id` of `environment` is shown: its collapsed
    /// group's id, or `id` itself.
    QString shownId(const QString &environment, const QString &id) const;
    /// Member module ids of a group row (empty for a module row or no row).
    QStringList members(const QString &environment, const QString &groupId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Unit {
        QString environment;
        QString id;                  ///< module id, or the group id
        QString key;                 ///< key(environment, id)
        QString groupName;           ///< empty for a module row
        QSet<QString> members;       ///< a group's module ids
        mutable QStringList imports; ///< a group's, cached
        mutable bool importsValid = false;
    };
    void rebuild();
    void addSourceRows(int first, int last);
    void changeSourceRows(int first, int last);
    void removeSourceRows(int first, int last);
    /// Group of `id` in `environment` when it is collapsed now; null otherwise.
    ModulePackageGroup collapsedGroup(const QString &environment, const QString &id) const;
    QStringList mappedImports(const QString &environment, const QStringList &imports,
                              const QString &self) const;
    QVariant groupData(const Unit &unit, int column, int role) const;
    void reindexFrom(int row);
    /// The source's index of `id` in `environment` at `column` (invalid if
    /// none): ModuleGraphModel::rowOf, else a lookup rebuilt after changes.
    /// No persistent indexes: thousands of them make every removal from the
    /// source walk them all.
    QModelIndex sourceIndex(const QString &environment, const QString &id, int column = 0) const;
    static QString key(const QString &environment, const QString &id);

    QPointer<QAbstractItemModel> m_source;
    QList<QMetaObject::Connection> m_connections;
    bool m_grouping = false;
    QSet<QString> m_expanded;       ///< key(environment, group id)
    QStringList m_collapsedFolders; ///< absolute folders
    QVector<Unit> m_units;
    QHash<QString, int> m_rowOf;              ///< key(environment, unit id) -> row
    QHash<QString, QString> m_unitOf;         ///< key(environment, module id) -> unit key
    mutable QHash<QString, int> m_sourceRows; ///< for sources other than ModuleGraphModel
    mutable bool m_sourceRowsValid = false;
};

} // namespace sy

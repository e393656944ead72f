#include "views/graph/moduleGroupModel.h"

#include "graph/moduleGraphModel.h"

namespace sy {

ModuleGroupModel::ModuleGroupModel(QObject *parent) : QAbstractTableModel(parent) {}

QString ModuleGroupModel::key(const QString &environment, const QString &id)
{
    return environment + QLatin1Char('\n') + id;
}

void ModuleGroupModel::setSourceModel(QAbstractItemModel *model)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_source = model;
    if (model) {
        m_connections << connect(model, &QAbstractItemModel::rowsInserted, this,
                                 [this](const QModelIndex &parent, int first, int last) {
                                     m_sourceRowsValid = false;
                                     if (!parent.isValid())
                                         addSourceRows(first, last);
                                 });
        m_connections << connect(model, &QAbstractItemModel::rowsRemoved, this,
                                 [this] { m_sourceRowsValid = false; });
        m_connections << connect(model, &QAbstractItemModel::dataChanged, this,
                                 [this](const QModelIndex &tl, const QModelIndex &br) {
                                     if (!tl.parent().isValid())
                                         changeSourceRows(tl.row(), br.row());
                                 });
        m_connections << connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                                 [this](const QModelIndex &parent, int first, int last) {
                                     if (!parent.isValid())
                                         removeSourceRows(first, last);
                                 });
        m_connections << connect(model, &QAbstractItemModel::modelReset, this,
                                 &ModuleGroupModel::rebuild);
        m_connections << connect(model, &QAbstractItemModel::layoutChanged, this,
                                 &ModuleGroupModel::rebuild);
        m_connections << connect(model, &QAbstractItemModel::rowsMoved, this,
                                 &ModuleGroupModel::rebuild);
    }
    rebuild();
}

void ModuleGroupModel::setGrouping(bool grouping)
{
    if (m_grouping == grouping)
        return;
    m_grouping = grouping;
    rebuild();
}

void ModuleGroupModel::setFolderCollapsed(const QString &folder, bool collapsed)
{
    QString clean = folder;
    while (clean.size() > 1 && clean.endsWith(QLatin1Char('/')))
        clean.chop(1);
    if (clean.isEmpty() || m_collapsedFolders.contains(clean) == collapsed)
        return;
    if (collapsed)
        m_collapsedFolders << clean;
    else
        m_collapsedFolders.removeAll(clean);
    rebuild(); // every row's imports may point into the folder
}

bool ModuleGroupModel::isFolderCollapsed(const QString &folder) const
{
    return m_collapsedFolders.contains(folder);
}

void ModuleGroupModel::setExpanded(const QString &environment, const QString &groupId,
                                   bool expanded)
{
    if (isFolderGroupId(groupId)) {
        setFolderCollapsed(folderOfGroupId(groupId), !expanded);
        return;
    }
    const QString k = key(environment, groupId);
    if (m_expanded.contains(k) == expanded)
        return;
    if (expanded)
        m_expanded.insert(k);
    else
        m_expanded.remove(k);
    if (m_grouping)
        rebuild(); // every row's imports may point into the group
}

bool ModuleGroupModel::isExpanded(const QString &environment, const QString &groupId) const
{
    if (isFolderGroupId(groupId))
        return !isFolderCollapsed(folderOfGroupId(groupId));
    return m_expanded.contains(key(environment, groupId));
}

ModulePackageGroup ModuleGroupModel::collapsedGroup(const QString &environment,
                                                    const QString &id) const
{
    if (m_grouping) {
        ModulePackageGroup group = modulePackageGroup(id);
        if (!group.isNull())
            return m_expanded.contains(key(environment, group.id)) ? ModulePackageGroup() : group;
    }
    return moduleFolderGroup(id, m_collapsedFolders);
}

QString ModuleGroupModel::shownId(const QString &environment, const QString &id) const
{
    const ModulePackageGroup group = collapsedGroup(environment, id);
    return group.isNull() ? id : group.id;
}

QStringList ModuleGroupModel::members(const QString &environment, const QString &groupId) const
{
    const int row = m_rowOf.value(key(environment, groupId), -1);
    if (row < 0 || m_units[row].groupName.isEmpty())
        return {};
    QStringList out(m_units[row].members.cbegin(), m_units[row].members.cend());
    out.sort();
    return out;
}

QStringList ModuleGroupModel::mappedImports(const QString &environment, const QStringList &imports,
                                            const QString &self) const
{
    if (!m_grouping && m_collapsedFolders.isEmpty())
        return imports;
    QStringList out;
    out.reserve(imports.size());
    for (const QString &imported : imports) {
        const QString shown = shownId(environment, imported);
        if (shown != self && !out.contains(shown))
            out << shown;
    }
    return out;
}

void ModuleGroupModel::rebuild()
{
    m_sourceRowsValid = false;
    beginResetModel();
    m_units.clear();
    m_rowOf.clear();
    m_unitOf.clear();
    endResetModel();
    if (m_source && m_source->rowCount() > 0)
        addSourceRows(0, m_source->rowCount() - 1);
}

void ModuleGroupModel::addSourceRows(int first, int last)
{
    // Rows of modules and of new groups go at the end, in runs: one insert
    // signal per run, not per row.
    QVector<Unit> added;
    auto flush = [&] {
        if (added.isEmpty())
            return;
        const int at = int(m_units.size());
        beginInsertRows({}, at, at + int(added.size()) - 1);
        for (Unit &unit : added) {
            unit.key = key(unit.environment, unit.id);
            m_rowOf.insert(unit.key, int(m_units.size()));
            m_units.push_back(std::move(unit));
        }
        added.clear();
        endInsertRows();
    };
    QHash<QString, int> addedAt; // new groups in `added`
    for (int row = first; row <= last; ++row) {
        const QModelIndex i = m_source->index(row, 0);
        const QString env = i.data(ModuleGraphModel::EnvironmentRole).toString();
        const QString id = i.data(ModuleGraphModel::IdRole).toString();
        const ModulePackageGroup group = collapsedGroup(env, id);
        if (group.isNull()) {
            Unit unit;
            unit.environment = env;
            unit.id = id;
            m_unitOf.insert(key(env, id), key(env, id));
            added.push_back(std::move(unit));
            continue;
        }
        const QString groupKey = key(env, group.id);
        m_unitOf.insert(key(env, id), groupKey);
        if (const int at = addedAt.value(groupKey, -1); at >= 0) {
            added[at].members.insert(id);
            continue;
        }
        if (const int existing = m_rowOf.value(groupKey, -1); existing >= 0) {
            Unit &unit = m_units[existing];
            unit.members.insert(id);
            unit.importsValid = false;
            emit dataChanged(index(existing, 0), index(existing, columnCount() - 1));
            continue;
        }
        Unit unit;
        unit.environment = env;
        unit.id = group.id;
        unit.groupName = group.name;
        unit.members.insert(id);
        addedAt.insert(groupKey, int(added.size()));
        added.push_back(std::move(unit));
    }
    flush();
}

void ModuleGroupModel::changeSourceRows(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex i = m_source->index(row, 0);
        const QString unitKey =
            m_unitOf.value(key(i.data(ModuleGraphModel::EnvironmentRole).toString(),
                               i.data(ModuleGraphModel::IdRole).toString()));
        const int at = m_rowOf.value(unitKey, -1);
        if (at < 0)
            continue;
        m_units[at].importsValid = false;
        emit dataChanged(index(at, 0), index(at, columnCount() - 1));
    }
}

void ModuleGroupModel::removeSourceRows(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex i = m_source->index(row, 0);
        const QString env = i.data(ModuleGraphModel::EnvironmentRole).toString();
        const QString id = i.data(ModuleGraphModel::IdRole).toString();
        const QString unitKey = m_unitOf.take(key(env, id));
        const int at = m_rowOf.value(unitKey, -1);
        if (at < 0)
            continue;
        Unit &unit = m_units[at];
        if (!unit.groupName.isEmpty()) {
            unit.members.remove(id);
            unit.importsValid = false;
            if (!unit.members.isEmpty()) {
                emit dataChanged(index(at, 0), index(at, columnCount() - 1));
                continue;
            }
        }
        beginRemoveRows({}, at, at);
        m_units.remove(at);
        m_rowOf.remove(unitKey);
        reindexFrom(at);
        endRemoveRows();
    }
}

void ModuleGroupModel::reindexFrom(int row)
{
    for (int r = row; r < m_units.size(); ++r)
        m_rowOf[m_units[r].key] = r;
}

QModelIndex ModuleGroupModel::sourceIndex(const QString &environment, const QString &id,
                                          int column) const
{
    if (!m_source)
        return {};
    int row = -1;
    if (const auto *graph = qobject_cast<const ModuleGraphModel *>(m_source.data())) {
        row = graph->rowOf(environment, id);
    } else {
        if (!m_sourceRowsValid) {
            m_sourceRows.clear();
            for (int r = 0; r < m_source->rowCount(); ++r) {
                const QModelIndex i = m_source->index(r, 0);
                m_sourceRows.insert(key(i.data(ModuleGraphModel::EnvironmentRole).toString(),
                                        i.data(ModuleGraphModel::IdRole).toString()),
                                    r);
            }
            m_sourceRowsValid = true;
        }
        row = m_sourceRows.value(key(environment, id), -1);
    }
    return row < 0 ? QModelIndex() : m_source->index(row, column);
}

int ModuleGroupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_units.size());
}

int ModuleGroupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ModuleGraphModel::ColumnCount;
}

QVariant ModuleGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return m_source ? m_source->headerData(section, orientation, role) : QVariant();
}

QVariant ModuleGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Unit &unit = m_units.at(index.row());
    if (!unit.groupName.isEmpty())
        return groupData(unit, index.column(), role);
    if (role == GroupSizeRole)
        return 0;
    const QModelIndex source = sourceIndex(unit.environment, unit.id, index.column());
    if (!source.isValid())
        return {};
    if (role == ModuleGraphModel::ImportsRole)
        return mappedImports(unit.environment, source.data(role).toStringList(), QString());
    if (role == ModuleGraphModel::TwinRole) { // the twin may sit in a collapsed ssr group
        const QString twin = source.data(role).toString();
        return twin.isEmpty() ? twin : shownId(QStringLiteral("ssr"), twin);
    }
    return source.data(role);
}

QVariant ModuleGroupModel::groupData(const Unit &unit, int column, int role) const
{
    auto member = [&](const QString &id, int column = 0) {
        return sourceIndex(unit.environment, id, column);
    };
    auto stale = [&] {
        for (const QString &id : unit.members)
            if (member(id).data(ModuleGraphModel::StaleRole).toBool())
                return true;
        return false;
    };
    auto browserHash = [&] {
        for (const QString &id : unit.members) {
            const QString hash = member(id, ModuleGraphModel::BrowserHashColumn).data().toString();
            if (!hash.isEmpty())
                return hash;
        }
        return QString();
    };
    auto invalidation = [&] { // the worst of the members'
        QString worst = QStringLiteral("none");
        for (const QString &id : unit.members) {
            const QString s = member(id, ModuleGraphModel::StateColumn).data().toString();
            if (s == QLatin1String("hard"))
                return s;
            if (s == QLatin1String("soft"))
                worst = s;
        }
        return worst;
    };
    auto imports = [&]() -> const QStringList & {
        if (!unit.importsValid) {
            QStringList all;
            for (const QString &id : unit.members)
                all << member(id).data(ModuleGraphModel::ImportsRole).toStringList();
            unit.imports = mappedImports(unit.environment, all, unit.id);
            unit.importsValid = true;
        }
        return unit.imports;
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ModuleGraphModel::EnvironmentColumn:
            return unit.environment;
        case ModuleGraphModel::IdColumn:
            return unit.groupName;
        case ModuleGraphModel::TypeColumn:
            return QStringLiteral("js");
        case ModuleGraphModel::ImportsColumn:
            return int(imports().size());
        case ModuleGraphModel::ImportersColumn:
            return 0;
        case ModuleGraphModel::StateColumn:
            return stale() ? QStringLiteral("stale") : invalidation();
        case ModuleGraphModel::BrowserHashColumn:
            return browserHash();
        case ModuleGraphModel::RoleColumn:
            return QString();
        }
        return {};
    case Qt::ToolTipRole:
        return tr("%n module(s)", nullptr, int(unit.members.size()));
    case GroupSizeRole:
        return int(unit.members.size());
    case ModuleGraphModel::IdRole:
        return unit.id;
    case ModuleGraphModel::EnvironmentRole:
        return unit.environment;
    case ModuleGraphModel::ImportsRole:
        return imports();
    case ModuleGraphModel::VirtualRole:
        return unit.id.startsWith(QLatin1String("virtual:"));
    case ModuleGraphModel::TwinRole: // a bridged group's twin: the ssr package or folder
        return unit.id.startsWith(QLatin1String("virtual:switchyard:ssr:package:")) ||
                       unit.id.startsWith(QLatin1String("virtual:switchyard:ssr:folder:"))
                   ? unit.id.mid(int(qstrlen("virtual:switchyard:ssr:")))
                   : QString();
    case ModuleGraphModel::StaleRole:
        return stale();
    case ModuleGraphModel::DirectivesRole: {
        QStringList all;
        for (const QString &id : unit.members)
            for (const QString &d :
                 member(id).data(ModuleGraphModel::DirectivesRole).toStringList())
                if (!all.contains(d))
                    all << d;
        return all;
    }
    case ModuleGraphModel::TypeRole:
        return QStringLiteral("js");
    case ModuleGraphModel::DisplayNameRole:
        return unit.groupName;
    case ModuleGraphModel::FrameworkRoleRole:
    case ModuleGraphModel::RoleLabelRole:
    case ModuleGraphModel::DirectiveTransformRole:
    case ModuleGraphModel::DirectiveTransformLabelRole:
        return QString();
    default:
        return {};
    }
}

} // namespace sy

#include "graph/moduleGraphModel.h"
#include "journal/engineWords.h"

#include "graph/moduleGraph.h"
#include "graph/moduleGraphJson.h"

namespace sy {

namespace {
QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

ModuleGraphModel::ModuleGraphModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<sy::ModuleRow>();
}

int ModuleGraphModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ModuleGraphModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModuleGraphModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModuleRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case EnvironmentColumn:
            return row.environment;
        case IdColumn:
            return row.id;
        case TypeColumn:
            return row.type;
        case ImportsColumn:
            return int(row.imports.size());
        case ImportersColumn:
            return row.importerCount;
        case StateColumn: // in the user's language (SortRole keeps the engine's word)
            return engineWord(row.stale ? QStringLiteral("stale") : row.invalidationState);
        case BrowserHashColumn:
            return row.optimizedBrowserHash;
        case RoleColumn:
            return roleLabel(row.role);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == IdColumn && !row.displayName.isEmpty())
            return tr("%1: %2").arg(roleLabel(row.role), row.displayName);
        return {};
    case IdRole:
        return row.id;
    case EnvironmentRole:
        return row.environment;
    case ImportsRole:
        return row.imports;
    case VirtualRole:
        return row.isVirtual;
    case TwinRole:
        return row.twinId;
    case StaleRole:
        return row.stale;
    case DirectivesRole:
        return row.directives;
    case TypeRole:
        return row.type;
    case FrameworkRoleRole:
        return row.role;
    case DisplayNameRole:
        return row.displayName.isEmpty() ? row.id : row.displayName;
    case RoleLabelRole:
        return roleLabel(row.role);
    case DirectiveTransformRole:
        return row.directiveTransform;
    case DirectiveTransformLabelRole:
        return directiveTransformLabel(row.directiveTransform);
    case UrlRole:
        return row.url;
    default:
        return {};
    }
}

QVariant ModuleGraphModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EnvironmentColumn:
        return tr("Environment");
    case IdColumn:
        return tr("Module");
    case TypeColumn:
        return tr("Type");
    case ImportsColumn:
        return tr("Imports");
    case ImportersColumn:
        return tr("Importers");
    case StateColumn:
        return tr("State");
    case BrowserHashColumn:
        return tr("browserHash");
    case RoleColumn:
        return tr("Role");
    }
    return {};
}

QString ModuleGraphModel::roleLabel(const QString &role)
{
    if (role == QLatin1String("ssr-bridge"))
        return tr("SSR bridge");
    if (role == QLatin1String("client-lookup"))
        return tr("client lookup");
    if (role == QLatin1String("server-lookup"))
        return tr("server lookup");
    if (role == QLatin1String("request-state"))
        return tr("request state (pinned)");
    if (role == QLatin1String("vite-preamble"))
        return tr("Vite preamble");
    if (role == QLatin1String("react-refresh"))
        return tr("React Refresh");
    if (role == QLatin1String("vite-client"))
        return tr("Vite client");
    return {};
}

QString ModuleGraphModel::directiveTransformLabel(const QString &transform)
{
    if (transform == QLatin1String("client-references"))
        return tr("client reference stubs");
    if (transform == QLatin1String("ssr-module"))
        return tr("SSR module");
    if (transform == QLatin1String("client-module"))
        return tr("client module");
    if (transform == QLatin1String("server-registration"))
        return tr("server reference registration");
    if (transform == QLatin1String("server-reference-stubs"))
        return tr("server reference stubs");
    return {};
}

QString ModuleGraphModel::key(const QString &environment, const QString &id)
{
    return environment + QLatin1Char('\n') + id;
}

int ModuleGraphModel::rowOf(const QString &environment, const QString &id) const
{
    return m_rowByKey.value(key(environment, id), -1);
}

void ModuleGraphModel::upsert(const ModuleRow &row)
{
    const QString k = key(row.environment, row.id);
    if (auto it = m_rowByKey.find(k); it != m_rowByKey.end()) {
        m_rows[*it] = row;
        emit dataChanged(index(*it, 0), index(*it, ColumnCount - 1));
        return;
    }
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.push_back(row);
    m_keys.push_back(k);
    m_rowByKey.insert(k, at);
    endInsertRows();
}

void ModuleGraphModel::remove(const QString &environment, const QString &id)
{
    const int at = rowOf(environment, id);
    if (at < 0)
        return;
    beginRemoveRows({}, at, at);
    m_rows.removeAt(at);
    m_rowByKey.remove(m_keys.at(at));
    m_keys.removeAt(at);
    for (int i = at; i < m_keys.size(); ++i) // only the rows after it moved up
        m_rowByKey[m_keys.at(i)] = i;
    endRemoveRows();
}

void ModuleGraphModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_keys.clear();
    m_rowByKey.clear();
    endResetModel();
}

ModuleGraphModelFeed::ModuleGraphModelFeed(const ModuleGraph *graph, QObject *parent)
    : QObject(parent), m_graph(graph)
{
    qRegisterMetaType<sy::ModuleRow>();
}

void ModuleGraphModelFeed::moduleChanged(const ModuleNode &node)
{
    ModuleRow row;
    row.environment = qs(node.environment);
    row.id = qs(node.id);
    row.url = qs(node.url);
    row.type = qs(std::string(moduleTypeName(node.type)));
    row.invalidationState = qs(std::string(invalidationStateName(node.invalidationState)));
    row.twinId = qs(node.twinId);
    row.optimizedBrowserHash = qs(node.optimizedBrowserHash);
    for (const std::string &d : node.directives)
        row.directives << qs(d);
    row.role = qs(std::string(moduleRoleName(node.role)));
    row.displayName = qs(node.displayName);
    row.directiveTransform = qs(std::string(directiveTransformName(node.directiveTransform)));
    row.directiveTransformReason = qs(node.directiveTransformReason);
    for (const std::string &i : node.importedModules)
        row.imports << qs(i);
    row.importerCount = int(node.importers.size());
    row.isVirtual = node.isVirtual;
    row.stale = isStale(*m_graph, node);
    row.transformed = node.transformResult.has_value();
    emit rowChanged(row);
}

void ModuleGraphModelFeed::moduleRemoved(const std::string &environment, const std::string &id)
{
    emit rowRemoved(qs(environment), qs(id));
}

void ModuleGraphModelFeed::connectTo(ModuleGraphModel *model)
{
    connect(this, &ModuleGraphModelFeed::rowChanged, model, &ModuleGraphModel::upsert);
    connect(this, &ModuleGraphModelFeed::rowRemoved, model, &ModuleGraphModel::remove);
}

} // namespace sy

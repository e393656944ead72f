#include "views/selection/inspectorFollower.h"

#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "moduleInspectorWidget.h"
#include "views/graph/moduleNodeItem.h"
#include "views/selection/moduleSelection.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace sy {

namespace {

constexpr QLatin1StringView kSsrBridgePrefix("virtual:switchyard:ssr:");

/// Journal kinds after which an inspection may be out of date.
bool refreshesInspection(const QString &kind)
{
    return kind == QLatin1String("optimizer-run") || kind == QLatin1String("invalidation") ||
           kind == QLatin1String("hmr") || kind == QLatin1String("runner-cache-clear");
}

} // namespace

InspectorFollower::InspectorFollower(ModuleInspectorWidget *inspector, ModuleSelection *selection,
                                     const QAbstractItemModel *modules,
                                     const QAbstractItemModel *events, QObject *parent)
    : QObject(parent ? parent : inspector), m_inspector(inspector), m_selection(selection),
      m_modules(modules), m_events(events)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(150);
    connect(&m_refresh, &QTimer::timeout, this, &InspectorFollower::request);
    connect(selection, &ModuleSelection::changed, this, &InspectorFollower::selectionChanged);
    connect(inspector, &ModuleInspectorWidget::moduleChosen, this, [this](int index) {
        if (index >= 0 && index < m_selection->modules().size())
            m_selection->setCurrent(m_selection->modules().at(index), this);
    });
    if (modules) {
        connect(modules, &QAbstractItemModel::dataChanged, this,
                &InspectorFollower::modulesChanged);
        connect(modules, &QAbstractItemModel::rowsInserted, this,
                &InspectorFollower::modulesInserted);
    }
    if (events)
        connect(events, &QAbstractItemModel::rowsInserted, this,
                &InspectorFollower::eventsInserted);
}

QString InspectorFollower::inspectedFile(const ModuleRef &ref)
{
    return ref.id.startsWith(kSsrBridgePrefix) ? ref.id.mid(kSsrBridgePrefix.size()) : ref.id;
}

void InspectorFollower::selectionChanged()
{
    QStringList labels;
    for (const ModuleRef &ref : m_selection->modules())
        labels << tr("%1 (%2)").arg(ModuleNodeItem::labelOf(ref.id), ref.environment);
    m_inspector->setModuleChoices(labels, m_selection->currentIndex());

    const ModuleRef current = m_selection->current();
    const QString file = inspectedFile(current);
    if (file.isEmpty()) {
        m_file.clear();
        m_refresh.stop();
        m_inspector->setInspection({});
        return;
    }
    if (file == m_file) { // another environment of the module shown
        if (!m_inspector->showEnvironment(current.environment))
            m_openOn = current.environment;
        return;
    }
    m_refresh.stop();
    m_signatures.clear();
    if (m_modules)
        for (int row = 0, n = m_modules->rowCount(); row < n; ++row)
            if (inspectedFile(
                    {{}, m_modules->index(row, 0).data(ModuleGraphModel::IdRole).toString()}) ==
                file)
                m_signatures.insert(
                    m_modules->index(row, 0).data(ModuleGraphModel::EnvironmentRole).toString(),
                    signature(row));
    if (m_modules && m_signatures.isEmpty()) {
        // Not a module of these graphs (a test file of the test session's own
        // graph): inspecting it would make the dev server transform it.
        m_file.clear();
        m_inspector->setInspection({});
        m_inspector->showMessage(
            tr("%1 is not in the dev server's module graphs: it belongs to a test run's graph, "
               "which the inspector does not show.")
                .arg(current.id));
        return;
    }
    m_file = file;
    m_openOn = current.environment;
    request();
}

void InspectorFollower::request()
{
    if (!m_file.isEmpty())
        emit inspectRequested(m_file);
}

void InspectorFollower::setInspection(const QString &file, const QByteArray &json)
{
    if (file != m_file || m_file.isEmpty())
        return;
    m_inspector->setInspection(QJsonDocument::fromJson(json).object());
    if (!m_openOn.isEmpty() && m_inspector->showEnvironment(m_openOn))
        m_openOn.clear(); // later refreshes keep the tab the user is on
}

QString InspectorFollower::signature(int row) const
{
    QStringList parts;
    for (int column = 0; column < ModuleGraphModel::ColumnCount; ++column)
        parts << m_modules->index(row, column).data().toString();
    const QModelIndex index = m_modules->index(row, 0);
    parts << index.data(ModuleGraphModel::ImportsRole).toStringList().join(QLatin1Char(','))
          << index.data(ModuleGraphModel::DirectivesRole).toStringList().join(QLatin1Char(','))
          << index.data(ModuleGraphModel::DirectiveTransformRole).toString();
    return parts.join(QLatin1Char('\n'));
}

void InspectorFollower::modulesChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (m_file.isEmpty() || !m_modules)
        return;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QModelIndex index = m_modules->index(row, 0);
        if (inspectedFile({{}, index.data(ModuleGraphModel::IdRole).toString()}) != m_file)
            continue;
        const QString environment = index.data(ModuleGraphModel::EnvironmentRole).toString();
        const QString now = signature(row);
        if (m_signatures.value(environment) == now)
            continue; // the engine told us again what we know
        m_signatures.insert(environment, now);
        m_refresh.start();
    }
}

void InspectorFollower::modulesInserted(const QModelIndex &, int first, int last)
{
    if (m_file.isEmpty() || !m_modules)
        return;
    for (int row = first; row <= last; ++row)
        modulesChanged(m_modules->index(row, 0), m_modules->index(row, 0));
}

void InspectorFollower::eventsInserted(const QModelIndex &, int first, int last)
{
    if (m_file.isEmpty() || !m_events)
        return;
    for (int row = first; row <= last; ++row)
        if (refreshesInspection(m_events->index(row, 0).data(JournalModel::KindRole).toString())) {
            m_refresh.start();
            return;
        }
}

} // namespace sy

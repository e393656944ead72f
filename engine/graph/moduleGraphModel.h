#pragma once
// Qt item model over module graphs: one row per module node of any
// environment. The engine feeds it through ModuleGraphModelFeed (an observer
// living on the engine's thread) with queued signals, so views never touch
// engine internals and the model only changes on its own (GUI) thread.
#include "graph/moduleGraphObserver.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QMetaType>
#include <QStringList>
#include <QVector>

namespace sy {

/// A copy of what the model shows of one node (no code, no maps).
struct ModuleRow {
    QString environment;
    QString id;
    QString url;
    QString type;
    QString invalidationState;
    QString twinId;
    QString optimizedBrowserHash;
    QStringList directives;
    QString role;               ///< moduleRoleName, "" for an ordinary module
    QString displayName;        ///< the framework's name for it, "" for an ordinary module
    QString directiveTransform; ///< directiveTransformName, "" for none
    QString directiveTransformReason;
    QStringList imports;
    int importerCount = 0;
    bool isVirtual = false;
    bool stale = false;
    bool transformed = false;
};

/// Table model: columns Environment, Id, Type, Imports, Importers, State,
/// BrowserHash, Role (the framework module's role, translated). Row key:
/// (environment, id). Extra roles expose whole fields.
class ModuleGraphModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        EnvironmentColumn,
        IdColumn,
        TypeColumn,
        ImportsColumn,
        ImportersColumn,
        StateColumn,
        BrowserHashColumn,
        RoleColumn, ///< roleLabel() of a framework module ("SSR bridge"), empty otherwise
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        EnvironmentRole,
        ImportsRole,
        VirtualRole,
        TwinRole,
        StaleRole,
        DirectivesRole,
        TypeRole, ///< the module type (moduleTypeName: "js", "css", "json", "asset", ...)
        /// What the module is to the framework: moduleRoleName ("ssr-bridge",
        /// "client-lookup", "server-lookup", "request-state", "vite-preamble",
        /// "react-refresh", "vite-client"), "" for an ordinary module.
        FrameworkRoleRole,
        /// The name people know the module by: the framework's name for one of its
        /// modules ("rwsdk/__ssr_bridge"), else the id.
        DisplayNameRole,
        /// roleLabel() of FrameworkRoleRole, "" for an ordinary module.
        RoleLabelRole,
        /// directiveTransformName of the transform it got here ("client-references", ...), "".
        DirectiveTransformRole,
        /// directiveTransformLabel() of it (translated), "" for none.
        DirectiveTransformLabelRole,
        /// The URL the module is served at ("/src/app/pages/Home.tsx"): what
        /// HMR payloads and request paths name it by.
        UrlRole
    };

    explicit ModuleGraphModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// Row of (environment, id), or -1.
    int rowOf(const QString &environment, const QString &id) const;

    /// A framework module's role for people ("SSR bridge", "client lookup",
    /// "server lookup", "request state (pinned)", "Vite preamble", "React
    /// Refresh", "Vite client"), translated; "" for "" or an unknown role.
    static QString roleLabel(const QString &role);
    /// What a directive transform made of a module, for people ("client
    /// reference stubs", "SSR module", "client module", "server reference
    /// registration", "server reference stubs"), translated; "" for none.
    static QString directiveTransformLabel(const QString &transform);

public slots:
    void upsert(const sy::ModuleRow &row);
    void remove(const QString &environment, const QString &id);
    void clear();

private:
    static QString key(const QString &environment, const QString &id);
    QVector<ModuleRow> m_rows;
    QVector<QString> m_keys; ///< key of each row, so a removal reindexes without allocating
    QHash<QString, int> m_rowByKey;
};

/// Converts graph observer callbacks into signals carrying ModuleRow copies.
/// Connect `rowChanged`/`rowRemoved` to a ModuleGraphModel (queued across
/// threads). Lives wherever the graph is mutated.
class ModuleGraphModelFeed : public QObject, public ModuleGraphObserver {
    Q_OBJECT
public:
    explicit ModuleGraphModelFeed(const class ModuleGraph *graph, QObject *parent = nullptr);
    void moduleChanged(const ModuleNode &node) override;
    void moduleRemoved(const std::string &environment, const std::string &id) override;

    /// Connects this feed to `model` (queued when on other threads).
    void connectTo(ModuleGraphModel *model);

signals:
    void rowChanged(const sy::ModuleRow &row);
    void rowRemoved(const QString &environment, const QString &id);

private:
    const ModuleGraph *m_graph;
};

} // namespace sy

Q_DECLARE_METATYPE(sy::ModuleRow)

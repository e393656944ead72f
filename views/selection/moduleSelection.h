#pragma once
// The dashboard's one module selection: what the graph, the module list, the
// search, the event list, the timeline and a test's module graph select, and
// what the inspector shows. Each view syncs to it (graphSelectionSync.h,
// itemViewSelectionSync.h, eventSelection.h); none of them talks to another.
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace sy {

/// One module of one environment: the row key of ModuleGraphModel.
struct ModuleRef {
    QString environment; ///< "client", "ssr", "worker"
    QString id;          ///< the module id (a file path, or a virtual id)

    bool isNull() const { return id.isEmpty(); }
    bool operator==(const ModuleRef &) const = default;
};

/// The selected modules (in the order they were selected) and the current
/// one among them: the module the inspector shows and views centre on.
/// Setting what is already selected emits nothing, so views that sync both
/// ways do not loop.
class ModuleSelection : public QObject {
    Q_OBJECT
public:
    explicit ModuleSelection(QObject *parent = nullptr);

    const QList<ModuleRef> &modules() const { return m_modules; }
    /// The current module (null when nothing is selected).
    ModuleRef current() const { return m_modules.value(m_current); }
    int currentIndex() const { return m_modules.isEmpty() ? -1 : m_current; }
    bool contains(const ModuleRef &ref) const { return m_modules.contains(ref); }
    bool isEmpty() const { return m_modules.isEmpty(); }

    /// Selects `modules` (duplicates and null refs dropped). The current one
    /// is `current` when it is among them, else the previous current when it
    /// still is, else the first. `origin` (the view that selected, or null)
    /// comes back with changed() so that view can skip its own change.
    void select(const QList<ModuleRef> &modules, const ModuleRef &current = {},
                QObject *origin = nullptr);
    /// Makes `ref` (one of modules()) the current module; ignored otherwise.
    void setCurrent(const ModuleRef &ref, QObject *origin = nullptr);
    void clear(QObject *origin = nullptr) { select({}, {}, origin); }

signals:
    /// The selected set or the current module changed; `origin` as given.
    void changed(QObject *origin);

private:
    QList<ModuleRef> m_modules;
    int m_current = 0;
};

} // namespace sy

Q_DECLARE_METATYPE(sy::ModuleRef)

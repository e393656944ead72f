#pragma once
// The module inspector follows the dashboard's selection and the engine: it
// shows the current module of the ModuleSelection, opens on the tab of the
// selected node's environment, offers the other selected modules in its
// chooser, and asks for a fresh inspection when its module changes (the
// module model's row changed: an edit invalidated or re-transformed it) or the
// engine reports an optimizer run, an invalidation, an HMR update or a runner
// cache clear (the browserHash an import baked in, or the current one, may
// have moved). The inspection itself comes from the engine thread: the
// follower emits inspectRequested() and is given the answer with
// setInspection(), so it never touches engine objects.
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QAbstractItemModel;
class QModelIndex;

namespace sy {

class ModuleInspectorWidget;
class ModuleSelection;
struct ModuleRef;

class InspectorFollower : public QObject {
    Q_OBJECT
public:
    /// `modules` (a ModuleGraphModel) and `events` (a JournalModel, may be
    /// null) are watched for changes; all must outlive the follower.
    InspectorFollower(ModuleInspectorWidget *inspector, ModuleSelection *selection,
                      const QAbstractItemModel *modules, const QAbstractItemModel *events,
                      QObject *parent = nullptr);

    /// The file (or virtual id) the engine is asked to inspect for a module:
    /// a bridged SSR module (virtual:switchyard:ssr:<file>) is its file.
    static QString inspectedFile(const ModuleRef &ref);
    /// What the inspector shows or is about to ("" when nothing).
    QString file() const { return m_file; }
    /// Debounce between a change and the inspection asked for (default 150 ms).
    void setRefreshDelay(int ms) { m_refresh.setInterval(ms); }

public slots:
    /// The engine's answer for `file` (inspectModuleEverywhere's JSON);
    /// answers for another file than file() are dropped.
    void setInspection(const QString &file, const QByteArray &json);

signals:
    /// Ask the engine thread to inspect `file` (EngineHost::inspect).
    void inspectRequested(const QString &file);

private:
    void selectionChanged();
    void modulesChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void modulesInserted(const QModelIndex &parent, int first, int last);
    void eventsInserted(const QModelIndex &parent, int first, int last);
    /// What a row of the inspected file shows, to tell a real change from a
    /// repeated one.
    QString signature(int row) const;
    void request();

    ModuleInspectorWidget *m_inspector;
    ModuleSelection *m_selection;
    QPointer<const QAbstractItemModel> m_modules;
    QPointer<const QAbstractItemModel> m_events;
    QString m_file;
    QString m_openOn;                     ///< environment to show when the next inspection arrives
    QHash<QString, QString> m_signatures; ///< environment -> signature of the file's row
    QTimer m_refresh;
};

} // namespace sy

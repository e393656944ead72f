#pragma once
// The module inspector: one module as the engine sees it in each environment
// (vite-plugin-inspect's module view, plus what it cannot show): resolved id
// and file, what it is to the framework (rwsdk's SSR bridge, a lookup, the
// state module), directives and the directive transform it got, resolve
// conditions, each import with its resolution and what the transformed code
// imports instead, importers, transform time,
// the browserHash each optimized import baked in versus the current one
// (stale rows stand out), whether the worker's runner evaluated the current
// transform, and source beside transformed code.
//
// Input is the JSON of sy::inspectModuleEverywhere() (engine/dev/
// moduleInspection.h): a snapshot the GUI asks the engine thread for. The
// widget never touches engine objects.
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace sy {

class ModuleInspectorWidget : public QWidget {
    Q_OBJECT
public:
    explicit ModuleInspectorWidget(QWidget *parent = nullptr);

    /// The app's root folder (canonical, like the ids): the title, the summary
    /// and the imports table show ids relative to it as Vite does
    /// (`/src/app/pages/Home.tsx`, `/node_modules/...`, `/@fs/...` outside it);
    /// empty: ids as they are. The inspection shown is shown again.
    void setProjectRoot(const QString &root);
    const QString &projectRoot() const { return m_root; }

    /// Shows `inspection` ({file, environments:[...]}); an empty object clears.
    /// The environment tab shown stays shown when the new inspection has it
    /// (a refresh of the same module keeps the user's tab).
    void setInspection(const QJsonObject &inspection);

    /// Shows the tab of `environment` ("client", "ssr", "worker"); false
    /// when the inspection has none.
    bool showEnvironment(const QString &environment);
    /// The environment of the tab shown ("" when none).
    QString currentEnvironment() const;
    /// Several modules selected: a chooser above the tabs lists `labels`
    /// with `current` chosen; fewer than two labels hide it.
    void setModuleChoices(const QStringList &labels, int current);
    QComboBox *moduleChooser() const { return m_chooser; }
    /// The source and the transformed code shown for `environment` ("" when
    /// it has no tab).
    QString sourceText(const QString &environment) const;
    QString codeText(const QString &environment) const;

    /// Environments shown, in tab order ("client", "ssr", "worker").
    QStringList environments() const;
    /// The imports table of one environment's tab (columns: Specifier,
    /// Resolved id, Code imports, browserHash referenced, current), or null.
    QStandardItemModel *importsModel(const QString &environment) const;
    /// The one-line summary under the tabs of one environment (id, state,
    /// runner), or empty.
    QString summary(const QString &environment) const;

    /// The summary's line for one environment's directive transform (JSON
    /// directiveTransform, directiveTransformReason of inspectModule()):
    /// "Directive transform: client reference stubs", "... (forced by
    /// forceClientPaths)", "Directive transform: none"; translated.
    static QString directiveTransformLine(const QJsonObject &env);
    /// The title with no module: what to do to see one (translated).
    static QString noModuleText();
    /// Shows `text` as the title (nothing to inspect, and why).
    void showMessage(const QString &text);
    /// The title line (the file shown, or noModuleText()).
    QString title() const;

signals:
    /// The user double-clicked an import: its resolved module id (the full id,
    /// whatever the table shows).
    void moduleActivated(const QString &environment, const QString &id);
    /// The user chose entry `index` of the module chooser.
    void moduleChosen(int index);

private:
    QWidget *environmentPage(const QJsonObject &env);
    /// `id` as shown: relative to the root (moduleIdText).
    QString shownId(const QString &id) const;
    QString shownIds(const QJsonValue &ids) const;
    QWidget *page(const QString &environment) const;
    QString paneText(const QString &environment, const QString &pane) const;

    QComboBox *m_chooser;
    QLabel *m_title;
    QString m_root;
    QJsonObject m_inspection; ///< shown, for setProjectRoot()
    QTabWidget *m_tabs;
};

} // namespace sy

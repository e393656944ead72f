#pragma once
// The module graph's controls: which environment (all three in lanes, or
// one), filters, search by path, focus on the selected module N levels deep,
// "why is this here?" (the import chain from an entry, highlighted) and fit.
// Works only through ModuleGraphView's public functions and its filter model.
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace sy {

class ModuleGraphView;
class ModuleSearchBox;

/// Two rows of controls over a ModuleGraphView (not owned; must outlive the
/// bar); the filters are checkable actions (graphHideDeps,
/// graphOnlyOptimized, graphOnlyDirectives) in the menu of the Filters
/// button. The selected module (the last single node selected in the graph)
/// is what Focus and "Why is this here?" act on; the message line says what
/// it is, the chain found, or that a search matched nothing.
class ModuleGraphControlBar : public QWidget {
    Q_OBJECT
public:
    explicit ModuleGraphControlBar(ModuleGraphView *view, QWidget *parent = nullptr);

    /// The module Focus and "Why is this here?" act on (empty when none).
    QString currentEnvironment() const { return m_currentEnvironment; }
    QString currentId() const { return m_currentId; }
    /// The last message shown (selected module, chain, no match).
    QString message() const;
    /// The search field with "n of m" and next/previous.
    ModuleSearchBox *searchBox() const { return m_searchBox; }

private:
    void environmentChosen();
    void filtersChanged(QAction *changed);
    void updateFiltersButton();
    void focusCurrent();
    void clearFocus();
    void depthChanged();
    void whyIsThisHere();
    void selectionChanged();
    void setCurrent(const QString &environment, const QString &id);
    void showMessage(const QString &text, const QString &details = {});
    void updateActions();

    ModuleGraphView *m_view;
    QComboBox *m_environment;
    QToolButton *m_filters; ///< a menu of the three below
    QAction *m_hideDeps;
    QAction *m_onlyOptimized;
    QAction *m_onlyDirectives;
    ModuleSearchBox *m_searchBox; ///< the search field with its matches
    QLineEdit *m_search;
    QToolButton *m_fit;
    QSpinBox *m_depth;
    QToolButton *m_focus;
    QToolButton *m_clearFocus;
    QToolButton *m_why;
    QLabel *m_message;

    QString m_currentEnvironment, m_currentId;
    QString m_focusEnvironment, m_focusId; ///< set while focused
};

} // namespace sy

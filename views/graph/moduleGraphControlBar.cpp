#include "views/graph/moduleGraphControlBar.h"

#include "views/graph/moduleGraphFilterModel.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"
#include "views/graph/moduleSearchBox.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace sy {

namespace {

QToolButton *toolButton(const QString &objectName, const QString &text, const QString &toolTip,
                        bool checkable, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setCheckable(checkable);
    button->setAutoRaise(true);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

ModuleGraphControlBar::ModuleGraphControlBar(ModuleGraphView *view, QWidget *parent)
    : QWidget(parent), m_view(view)
{
    setObjectName(QStringLiteral("graphControlBar"));

    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("graphEnvironment"));
    m_environment->setToolTip(tr("Which module graph to show"));
    m_environment->addItem(tr("All environments (lanes)"), QString());
    for (const char *environment : {"client", "ssr", "worker"})
        m_environment->addItem(QString::fromLatin1(environment), QString::fromLatin1(environment));

    // The filters sit in a menu: three toggle buttons do not fit beside the
    // environment and the search field when docks narrow the centre.
    m_filters = toolButton(QStringLiteral("graphFilters"), tr("Filters"),
                           tr("Which modules of the graph to show"), false, this);
    m_filters->setPopupMode(QToolButton::InstantPopup);
    auto *filterMenu = new QMenu(m_filters);
    m_hideDeps = filterMenu->addAction(tr("Hide deps"));
    m_hideDeps->setToolTip(
        tr("Hide modules under node_modules and optimized (pre-bundled) dependencies"));
    m_onlyOptimized = filterMenu->addAction(tr("Only optimized deps"));
    m_onlyOptimized->setToolTip(tr("Show only optimized (pre-bundled) dependencies"));
    m_onlyDirectives = filterMenu->addAction(tr("Only directives"));
    m_onlyDirectives->setToolTip(
        tr("Show only modules with a \"use client\" or \"use server\" directive"));
    filterMenu->setToolTipsVisible(true);
    m_hideDeps->setObjectName(QStringLiteral("graphHideDeps"));
    m_onlyOptimized->setObjectName(QStringLiteral("graphOnlyOptimized"));
    m_onlyDirectives->setObjectName(QStringLiteral("graphOnlyDirectives"));
    for (QAction *action : {m_hideDeps, m_onlyOptimized, m_onlyDirectives})
        action->setCheckable(true);
    m_filters->setMenu(filterMenu);

    m_searchBox = new ModuleSearchBox(view, this);
    m_search = m_searchBox->lineEdit();
    m_fit = toolButton(QStringLiteral("graphFit"), tr("Fit"), tr("Zoom to show the whole graph"),
                       false, this);

    auto *depthLabel = new QLabel(tr("Depth"), this);
    m_depth = new QSpinBox(this);
    m_depth->setObjectName(QStringLiteral("graphFocusDepth"));
    m_depth->setRange(1, 20);
    m_depth->setValue(2);
    m_depth->setToolTip(tr("Levels of importers and imports shown around the focused module"));
    depthLabel->setBuddy(m_depth);
    m_focus =
        toolButton(QStringLiteral("graphFocus"), tr("Focus"),
                   tr("Show only the selected module with its importers and imports"), false, this);
    m_clearFocus = toolButton(QStringLiteral("graphClearFocus"), tr("Show all"),
                              tr("End the focus: show every module again"), false, this);
    m_why = toolButton(
        QStringLiteral("graphWhy"), tr("Why is this here?"),
        tr("Highlight the import chain from an entry of its environment to the selected module"),
        false, this);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("graphMessage"));
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *show = new QHBoxLayout;
    show->addWidget(m_environment);
    show->addWidget(m_filters);
    show->addWidget(m_searchBox, 1);
    show->addWidget(m_fit);
    auto *selected = new QHBoxLayout;
    selected->addWidget(depthLabel);
    selected->addWidget(m_depth);
    selected->addWidget(m_focus);
    selected->addWidget(m_clearFocus);
    selected->addWidget(m_why);
    selected->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addLayout(show);
    layout->addLayout(selected);

    connect(m_environment, &QComboBox::currentIndexChanged, this,
            &ModuleGraphControlBar::environmentChosen);
    for (QAction *action : {m_hideDeps, m_onlyOptimized, m_onlyDirectives})
        connect(action, &QAction::toggled, this, [this, action] { filtersChanged(action); });
    connect(m_searchBox, &ModuleSearchBox::noMatch, this, [this](const QString &text) {
        showMessage(tr("No module shown matches \"%1\"").arg(text));
    });
    connect(m_fit, &QToolButton::clicked, m_view, &ModuleGraphView::fitAll);
    connect(m_focus, &QToolButton::clicked, this, &ModuleGraphControlBar::focusCurrent);
    connect(m_clearFocus, &QToolButton::clicked, this, &ModuleGraphControlBar::clearFocus);
    connect(m_depth, &QSpinBox::valueChanged, this, &ModuleGraphControlBar::depthChanged);
    connect(m_why, &QToolButton::clicked, this, &ModuleGraphControlBar::whyIsThisHere);
    connect(m_view->graphScene(), &QGraphicsScene::selectionChanged, this,
            &ModuleGraphControlBar::selectionChanged);

    // Start from what the view shows now.
    ModuleGraphFilterModel *filter = m_view->filterModel();
    m_environment->setCurrentIndex(std::max(0, m_environment->findData(filter->environment())));
    for (auto [action, on] : {std::pair{m_hideDeps, filter->hideNodeModules()},
                              std::pair{m_onlyOptimized, filter->onlyOptimizedDeps()},
                              std::pair{m_onlyDirectives, filter->onlyDirectives()}}) {
        const QSignalBlocker blocker(action);
        action->setChecked(on);
    }
    updateFiltersButton();
    updateActions();
}

QString ModuleGraphControlBar::message() const
{
    return m_message->text();
}

void ModuleGraphControlBar::environmentChosen()
{
    m_view->showEnvironment(m_environment->currentData().toString());
}

void ModuleGraphControlBar::filtersChanged(QAction *changed)
{
    // Hiding deps and showing only deps exclude each other: the last wins.
    if (changed->isChecked()) {
        QAction *other = changed == m_hideDeps        ? m_onlyOptimized
                         : changed == m_onlyOptimized ? m_hideDeps
                                                      : nullptr;
        if (other) {
            const QSignalBlocker blocker(other);
            other->setChecked(false);
        }
    }
    ModuleGraphFilterModel *filter = m_view->filterModel();
    filter->setHideNodeModules(m_hideDeps->isChecked());
    filter->setOnlyOptimizedDeps(m_onlyOptimized->isChecked());
    filter->setOnlyDirectives(m_onlyDirectives->isChecked());
    updateFiltersButton();
    m_view->fitAll();
}

void ModuleGraphControlBar::updateFiltersButton()
{
    QStringList on;
    for (const QAction *action : {m_hideDeps, m_onlyOptimized, m_onlyDirectives})
        if (action->isChecked())
            on << action->text();
    m_filters->setText(on.isEmpty() ? tr("Filters") : tr("Filters (%1)").arg(on.size()));
    m_filters->setToolTip(on.isEmpty() ? tr("Which modules of the graph to show")
                                       : on.join(QLatin1Char('\n')));
}

void ModuleGraphControlBar::focusCurrent()
{
    if (m_currentId.isEmpty())
        return;
    m_focusEnvironment = m_currentEnvironment;
    m_focusId = m_currentId;
    depthChanged();
}

void ModuleGraphControlBar::depthChanged()
{
    if (m_focusId.isEmpty())
        return;
    m_view->focusOn(m_focusEnvironment, m_focusId, m_depth->value());
    showMessage(
        tr("Focus on %1 in %2: importers and imports %n level(s) deep", "", m_depth->value())
            .arg(ModuleNodeItem::labelOf(m_focusId), m_focusEnvironment),
        m_focusId);
    updateActions();
}

void ModuleGraphControlBar::clearFocus()
{
    m_focusEnvironment.clear();
    m_focusId.clear();
    m_view->clearFocus();
    showMessage({});
    updateActions();
}

void ModuleGraphControlBar::whyIsThisHere()
{
    if (m_currentId.isEmpty())
        return;
    const QString environment = m_currentEnvironment, id = m_currentId;
    const QStringList chain = m_view->showWhyIncluded(environment, id);
    const QString name = ModuleNodeItem::labelOf(id);
    if (chain.isEmpty()) {
        showMessage(tr("No import chain from an entry of %1 reaches %2 (only import cycles do)")
                        .arg(environment, name),
                    id);
        return;
    }
    if (chain.size() == 1) {
        showMessage(tr("%1 is an entry of %2: no module there imports it").arg(name, environment),
                    id);
        return;
    }
    QStringList names;
    for (const QString &step : chain)
        names << ModuleNodeItem::labelOf(step);
    showMessage(
        tr("Why %1 is in %2: %3").arg(name, environment, names.join(QStringLiteral(" \u2192 "))),
        chain.join(QStringLiteral("\n\u2192 ")));
}

void ModuleGraphControlBar::selectionChanged()
{
    const QList<QGraphicsItem *> selected = m_view->graphScene()->selectedItems();
    if (selected.isEmpty()) {
        setCurrent({}, {});
        return;
    }
    if (selected.size() != 1)
        return; // a chain or a timeline item's modules: keep the module they concern
    if (auto *node = qgraphicsitem_cast<ModuleNodeItem *>(selected.first()))
        setCurrent(node->state().environment, node->state().id);
}

void ModuleGraphControlBar::setCurrent(const QString &environment, const QString &id)
{
    if (m_currentEnvironment == environment && m_currentId == id)
        return;
    m_currentEnvironment = environment;
    m_currentId = id;
    if (!id.isEmpty())
        showMessage(tr("Selected: %1 in %2").arg(ModuleNodeItem::labelOf(id), environment), id);
    else if (m_focusId.isEmpty())
        showMessage({});
    updateActions();
}

void ModuleGraphControlBar::showMessage(const QString &text, const QString &details)
{
    m_message->setText(text);
    m_message->setToolTip(details);
}

void ModuleGraphControlBar::updateActions()
{
    const bool current = !m_currentId.isEmpty();
    m_focus->setEnabled(current);
    m_why->setEnabled(current);
    m_clearFocus->setEnabled(!m_focusId.isEmpty());
}

} // namespace sy

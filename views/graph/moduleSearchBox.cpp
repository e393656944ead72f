#include "views/graph/moduleSearchBox.h"

#include "views/graph/moduleGraphFilterModel.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QShortcut>
#include <QToolButton>

namespace sy {

ModuleSearchBox::ModuleSearchBox(ModuleGraphView *view, QWidget *parent)
    : QWidget(parent), m_view(view), m_edit(new QLineEdit(this)), m_count(new QToolButton(this)),
      m_previous(new QToolButton(this)), m_next(new QToolButton(this)), m_list(new QMenu(this))
{
    setObjectName(QStringLiteral("graphSearchBox"));
    m_edit->setObjectName(QStringLiteral("graphSearch"));
    m_edit->setPlaceholderText(tr("Find module (Enter, F3; worker:name)"));
    m_edit->setToolTip(tr("Fuzzy search by path or name; start with client:, ssr: or worker: to "
                          "search one environment. Enter or F3: next match, Shift+Enter or "
                          "Shift+F3: previous."));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(140);
    m_edit->installEventFilter(this);

    m_count->setObjectName(QStringLiteral("graphSearchCount"));
    m_count->setAutoRaise(true);
    m_count->setPopupMode(QToolButton::InstantPopup);
    m_count->setToolTip(tr("The matches: pick one to go to it"));
    m_count->setMenu(m_list);
    m_list->setObjectName(QStringLiteral("graphSearchResults"));
    connect(m_list, &QMenu::aboutToShow, this, &ModuleSearchBox::fillList);
    m_previous->setObjectName(QStringLiteral("graphSearchPrevious"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setAutoRaise(true);
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_next->setObjectName(QStringLiteral("graphSearchNext"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setAutoRaise(true);
    m_next->setToolTip(tr("Next match (F3)"));
    connect(m_previous, &QToolButton::clicked, this, &ModuleSearchBox::previous);
    connect(m_next, &QToolButton::clicked, this, &ModuleSearchBox::next);
    connect(m_edit, &QLineEdit::textChanged, this, &ModuleSearchBox::textEdited);

    // F3 in the search field and in the graph (two scopes: the view may get
    // its parent after the box is made).
    for (QWidget *scope : {static_cast<QWidget *>(this), static_cast<QWidget *>(view)}) {
        new QShortcut(QKeySequence(Qt::Key_F3), scope, this, &ModuleSearchBox::next,
                      Qt::WidgetWithChildrenShortcut);
        new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), scope, this, &ModuleSearchBox::previous,
                      Qt::WidgetWithChildrenShortcut);
    }

    // The graph changed: the matches are found again at the next step.
    if (QAbstractItemModel *model = view->filterModel()) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, [this] { m_stale = true; });
        connect(model, &QAbstractItemModel::modelReset, this, [this] { m_stale = true; });
        connect(model, &QAbstractItemModel::layoutChanged, this, [this] { m_stale = true; });
    }

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    updateCount();
}

QString ModuleSearchBox::countText() const
{
    if (m_edit->text().trimmed().isEmpty())
        return {};
    if (m_matches.isEmpty())
        return m_stale ? QString() : tr("no match");
    if (m_current < 0)
        return m_matches.size() == 1 ? tr("1 match") : tr("%1 matches").arg(m_matches.size());
    return tr("%1 of %2").arg(m_current + 1).arg(m_matches.size());
}

void ModuleSearchBox::textEdited()
{
    m_stale = true;
    m_current = -1;
    if (m_edit->text().trimmed().isEmpty())
        m_matches.clear();
    else
        refreshMatches(); // the count follows the typing; the graph moves on Enter
    updateCount();
}

void ModuleSearchBox::refreshMatches()
{
    const ModuleSearchMatch shown = m_matches.value(m_current);
    m_matches = m_view ? searchModules(m_view->filterModel(), m_edit->text()) : m_matches;
    m_stale = false;
    m_current = -1;
    if (!shown.id.isEmpty()) // keep the place after the graph changed
        for (int i = 0; i < m_matches.size(); ++i)
            if (m_matches[i].id == shown.id && m_matches[i].environment == shown.environment)
                m_current = i;
}

void ModuleSearchBox::next()
{
    step(1);
}

void ModuleSearchBox::previous()
{
    step(-1);
}

void ModuleSearchBox::step(int delta)
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return;
    if (m_stale)
        refreshMatches();
    if (m_matches.isEmpty()) {
        updateCount();
        emit noMatch(text);
        return;
    }
    const int n = int(m_matches.size());
    goTo(m_current < 0 ? (delta > 0 ? 0 : n - 1) : ((m_current + delta) % n + n) % n);
}

void ModuleSearchBox::goTo(int index)
{
    if (index < 0 || index >= m_matches.size() || !m_view)
        return;
    m_current = index;
    const ModuleSearchMatch &match = m_matches[index];
    ModuleGraphScene *scene = m_view->graphScene();
    if (ModuleNodeItem *node = scene->node(match.environment, match.id)) {
        scene->selectKeys({node->key()});
        m_view->revealNode(node, true);
    }
    updateCount();
    emit matchShown(match.environment, match.id);
}

void ModuleSearchBox::updateCount()
{
    const QString text = countText();
    m_count->setText(text);
    m_count->setVisible(!text.isEmpty());
    const bool steps = m_matches.size() > 1 || (m_stale && !m_edit->text().trimmed().isEmpty());
    m_previous->setEnabled(steps);
    m_next->setEnabled(steps);
}

void ModuleSearchBox::fillList()
{
    m_list->clear();
    if (m_stale)
        refreshMatches();
    for (int i = 0; i < std::min<int>(int(m_matches.size()), kListedMatches); ++i) {
        const ModuleSearchMatch &match = m_matches[i];
        QAction *action = m_list->addAction(
            tr("%1 (%2)").arg(ModuleNodeItem::labelOf(match.id), match.environment));
        action->setToolTip(match.id);
        action->setCheckable(true);
        action->setChecked(i == m_current);
        connect(action, &QAction::triggered, this, [this, i] { goTo(i); });
    }
    if (m_matches.size() > kListedMatches)
        m_list
            ->addAction(
                tr("… %1 more: type more of the name").arg(m_matches.size() - kListedMatches))
            ->setEnabled(false);
    m_list->setToolTipsVisible(true);
}

bool ModuleSearchBox::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                previous();
            else
                next();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sy

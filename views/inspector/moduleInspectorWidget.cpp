#include "moduleInspectorWidget.h"

#include "graph/moduleGraphModel.h"
#include "journal/engineWords.h"
#include "views/graph/moduleIdText.h"

#include <QComboBox>
#include <QFont>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace sy {

namespace {

QPlainTextEdit *codePane(const QString &text, const QString &name)
{
    auto *pane = new QPlainTextEdit(text);
    pane->setObjectName(name);
    pane->setReadOnly(true);
    pane->setLineWrapMode(QPlainTextEdit::NoWrap);
    pane->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return pane;
}

QString joined(const QJsonValue &array)
{
    QStringList items;
    for (const QJsonValue &v : array.toArray())
        items << v.toString();
    return items.join(QStringLiteral(", "));
}

} // namespace

QString ModuleInspectorWidget::noModuleText()
{
    return tr("No module selected: select one in the graph, the module list, the search, an event "
              "or the timeline to see it here as each environment sees it.");
}

QString ModuleInspectorWidget::directiveTransformLine(const QJsonObject &env)
{
    const QString transform = env.value(QStringLiteral("directiveTransform")).toString();
    if (transform.isEmpty())
        return tr("Directive transform: none");
    const QString label = ModuleGraphModel::directiveTransformLabel(transform);
    const QString reason = env.value(QStringLiteral("directiveTransformReason")).toString();
    if (reason.isEmpty() || reason == QLatin1String("directive"))
        return tr("Directive transform: %1").arg(label);
    // The option's name is config, not words: never translated.
    return tr("Directive transform: %1 (forced by %2)").arg(label, reason);
}

ModuleInspectorWidget::ModuleInspectorWidget(QWidget *parent)
    : QWidget(parent), m_chooser(new QComboBox(this)), m_title(new QLabel(this)),
      m_tabs(new QTabWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    m_chooser->setObjectName(QStringLiteral("inspectorModuleChooser"));
    m_chooser->setToolTip(tr("The selection holds several modules: the one inspected"));
    m_chooser->hide();
    connect(m_chooser, &QComboBox::activated, this, &ModuleInspectorWidget::moduleChosen);
    layout->addWidget(m_chooser);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_title->setText(noModuleText());
    layout->addWidget(m_title);
    layout->addWidget(m_tabs, 1);
}

void ModuleInspectorWidget::setProjectRoot(const QString &root)
{
    if (root == m_root)
        return;
    m_root = root;
    if (!m_inspection.isEmpty())
        setInspection(QJsonObject(m_inspection));
}

QString ModuleInspectorWidget::shownId(const QString &id) const
{
    return id.isEmpty() ? id : moduleIdText(id, m_root);
}

QString ModuleInspectorWidget::shownIds(const QJsonValue &ids) const
{
    QStringList items;
    for (const QJsonValue &v : ids.toArray())
        items << shownId(v.toString());
    return items.join(QStringLiteral(", "));
}

void ModuleInspectorWidget::setInspection(const QJsonObject &inspection)
{
    m_inspection = inspection;
    const QString shown = currentEnvironment();
    while (m_tabs->count() > 0) {
        QWidget *page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        page->deleteLater();
    }
    if (inspection.isEmpty()) {
        m_title->setText(noModuleText());
        return;
    }
    m_title->setText(shownId(inspection.value(QStringLiteral("file")).toString()));
    for (const QJsonValue &env : inspection.value(QStringLiteral("environments")).toArray()) {
        const QJsonObject e = env.toObject();
        const QString name = e.value(QStringLiteral("environment")).toString();
        QWidget *page = environmentPage(e);
        page->setObjectName(name);
        const bool stale = e.value(QStringLiteral("stale")).toBool();
        m_tabs->addTab(page, stale ? tr("%1 (stale)").arg(name) : name);
    }
    if (!shown.isEmpty())
        showEnvironment(shown);
}

bool ModuleInspectorWidget::showEnvironment(const QString &environment)
{
    QWidget *tab = page(environment);
    if (tab)
        m_tabs->setCurrentWidget(tab);
    return tab != nullptr;
}

QString ModuleInspectorWidget::currentEnvironment() const
{
    return m_tabs->currentWidget() ? m_tabs->currentWidget()->objectName() : QString();
}

void ModuleInspectorWidget::setModuleChoices(const QStringList &labels, int current)
{
    const QSignalBlocker blocker(m_chooser);
    m_chooser->clear();
    if (labels.size() < 2) {
        m_chooser->hide();
        return;
    }
    m_chooser->addItems(labels);
    m_chooser->setCurrentIndex(current);
    m_chooser->show();
}

QWidget *ModuleInspectorWidget::page(const QString &environment) const
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->objectName() == environment)
            return m_tabs->widget(i);
    return nullptr;
}

QString ModuleInspectorWidget::paneText(const QString &environment, const QString &pane) const
{
    QWidget *tab = page(environment);
    auto *edit = tab ? tab->findChild<QPlainTextEdit *>(pane) : nullptr;
    return edit ? edit->toPlainText() : QString();
}

QString ModuleInspectorWidget::sourceText(const QString &environment) const
{
    return paneText(environment, QStringLiteral("source"));
}

QString ModuleInspectorWidget::codeText(const QString &environment) const
{
    return paneText(environment, QStringLiteral("code"));
}

QWidget *ModuleInspectorWidget::environmentPage(const QJsonObject &env)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);

    // Summary: id, state, directives, conditions, transform time, runner.
    QStringList lines;
    lines << tr("Resolved id: %1").arg(shownId(env.value(QStringLiteral("id")).toString()));
    if (env.contains(QStringLiteral("type")))
        lines << tr("Module type: %1").arg(env.value(QStringLiteral("type")).toString());
    if (env.contains(QStringLiteral("twin")))
        lines << tr("SSR twin: %1").arg(shownId(env.value(QStringLiteral("twin")).toString()));
    lines << tr("State: %1%2")
                 .arg(engineWord(env.value(QStringLiteral("invalidationState")).toString()),
                      env.value(QStringLiteral("stale")).toBool() ? tr(", stale") : QString());
    if (env.contains(QStringLiteral("role")))
        lines << tr("Framework module: %1 (%2)")
                     .arg(ModuleGraphModel::roleLabel(env.value(QStringLiteral("role")).toString()),
                          env.value(QStringLiteral("displayName")).toString());
    const QString directives = joined(env.value(QStringLiteral("directives")));
    if (!directives.isEmpty())
        lines << tr("Directives: %1").arg(directives);
    lines << directiveTransformLine(env);
    lines << tr("Resolve conditions: %1").arg(joined(env.value(QStringLiteral("conditions"))));
    lines << tr("Transform: %1 ms, etag %2")
                 .arg(env.value(QStringLiteral("transformMs")).toDouble(), 0, 'f', 2)
                 .arg(env.value(QStringLiteral("etag")).toString());
    lines << tr("Importers: %1").arg(shownIds(env.value(QStringLiteral("importers"))));
    if (env.contains(QStringLiteral("runner"))) {
        const QJsonObject runner = env.value(QStringLiteral("runner")).toObject();
        lines << (!runner.value(QStringLiteral("evaluated")).toBool()
                      ? tr("Worker runner: not evaluated")
                  : runner.value(QStringLiteral("current")).toBool()
                      ? tr("Worker runner: evaluated the current transform")
                      : tr("Worker runner: evaluated an OLDER transform (%1)")
                            .arg(runner.value(QStringLiteral("transformHash")).toString()));
    }
    if (env.contains(QStringLiteral("error")))
        lines << tr("Error: %1").arg(env.value(QStringLiteral("error")).toString());
    auto *summary = new QLabel(lines.join(QLatin1Char('\n')));
    summary->setObjectName(QStringLiteral("summary"));
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary->setWordWrap(true);
    layout->addWidget(summary);

    // Imports with their resolution and the browserHash baked in vs current.
    auto *imports = new QStandardItemModel(0, 5, page);
    imports->setObjectName(QStringLiteral("imports"));
    imports->setHorizontalHeaderLabels({tr("Specifier"), tr("Resolved id"), tr("Code imports"),
                                        tr("browserHash referenced"), tr("current")});
    const QJsonObject optimized = env.value(QStringLiteral("optimizedDeps")).toObject();
    for (const QJsonValue &v : env.value(QStringLiteral("imports")).toArray()) {
        const QJsonObject imp = v.toObject();
        const QString id = imp.value(QStringLiteral("id")).toString();
        const QJsonObject hashes = optimized.value(id).toObject();
        const QString referenced = hashes.value(QStringLiteral("referenced")).toString();
        const QString current = hashes.value(QStringLiteral("current")).toString();
        auto *resolved = new QStandardItem(shownId(id));
        resolved->setData(id, Qt::UserRole); // the full id, for moduleActivated
        resolved->setToolTip(id);
        QList<QStandardItem *> row{
            new QStandardItem(imp.value(QStringLiteral("specifier")).toString()), resolved,
            new QStandardItem(imp.value(QStringLiteral("rewrittenTo")).toString()),
            new QStandardItem(referenced), new QStandardItem(current)};
        for (QStandardItem *item : row)
            item->setEditable(false);
        if (!referenced.isEmpty() && referenced != current)
            for (QStandardItem *item : row)
                item->setForeground(QColor(Qt::red)); // a stale ?v=
        imports->appendRow(row);
    }
    auto *table = new QTableView;
    table->setModel(imports);
    table->horizontalHeader()->setStretchLastSection(true);
    // Each column at least as wide as its title: German and Japanese titles
    // run longer than the default section size (the table scrolls instead).
    QHeaderView *header = table->horizontalHeader();
    const int headerMargin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    for (int column = 0; column < imports->columnCount(); ++column) {
        const QString title = imports->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, std::max(header->sectionSize(column),
                                               header->fontMetrics().horizontalAdvance(title) +
                                                   2 * headerMargin + 4));
    }
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    const QString environment = env.value(QStringLiteral("environment")).toString();
    connect(table, &QTableView::doubleClicked, this,
            [this, imports, environment](const QModelIndex &i) {
                emit moduleActivated(environment,
                                     imports->index(i.row(), 1).data(Qt::UserRole).toString());
            });

    auto *code = new QSplitter(Qt::Horizontal);
    code->addWidget(
        codePane(env.value(QStringLiteral("source")).toString(), QStringLiteral("source")));
    code->addWidget(codePane(env.value(QStringLiteral("code")).toString(), QStringLiteral("code")));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(table);
    split->addWidget(code);
    layout->addWidget(split, 1);
    return page;
}

void ModuleInspectorWidget::showMessage(const QString &text)
{
    m_inspection = {}; // a root change leaves the message alone
    m_title->setText(text);
}

QString ModuleInspectorWidget::title() const
{
    return m_title->text();
}

QStringList ModuleInspectorWidget::environments() const
{
    QStringList out;
    for (int i = 0; i < m_tabs->count(); ++i)
        out << m_tabs->widget(i)->objectName();
    return out;
}

QStandardItemModel *ModuleInspectorWidget::importsModel(const QString &environment) const
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->objectName() == environment)
            return m_tabs->widget(i)->findChild<QStandardItemModel *>(QStringLiteral("imports"));
    return nullptr;
}

QString ModuleInspectorWidget::summary(const QString &environment) const
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->objectName() == environment)
            if (auto *label = m_tabs->widget(i)->findChild<QLabel *>(QStringLiteral("summary")))
                return label->text();
    return {};
}

} // namespace sy

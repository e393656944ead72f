#include "storageInspectorWidget.h"

#include "sqlValueDelegate.h"
#include "storage/d1QueryModel.h"
#include "storage/d1TableRowsModel.h"
#include "storage/d1TablesModel.h"
#include "storage/isolateStorage.h"
#include "storage/kvEntriesModel.h"
#include "storage/storageFeed.h"
#include "storage/storageTreeModel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace sy {

namespace {

enum PageIndex { EmptyPage, KvPage, DatabasePage };

QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    return view;
}

} // namespace

StorageInspectorWidget::StorageInspectorWidget(QWidget *parent)
    : QWidget(parent), m_tree(new StorageTreeModel(this)), m_kv(new KvEntriesModel(this)),
      m_tables(new D1TablesModel(this)), m_rows(new D1TableRowsModel(this)),
      m_query(new D1QueryModel(this)), m_feed(new StorageFeed(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_treeView = new QTreeView(this);
    m_treeView->setModel(m_tree);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_treeView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(right);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // "KV namespace SESSIONS — <the app's path>/.switchyard/storage/kv.sqlite"
    // is longer than the dock is wide: the label takes the dock's width (the
    // text is selectable and in the tooltip) instead of widening the dock.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_pages = new QStackedWidget(right);
    rightLayout->addWidget(m_title);
    rightLayout->addWidget(m_pages, 1);

    // Empty state.
    m_emptyLabel = new QLabel(m_pages);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_pages->addWidget(m_emptyLabel);

    // KV: prefix filter, keys, the selected value.
    auto *kvPage = new QWidget(m_pages);
    auto *kvLayout = new QVBoxLayout(kvPage);
    kvLayout->setContentsMargins(0, 0, 0, 0);
    m_prefix = new QLineEdit(kvPage);
    m_prefix->setPlaceholderText(tr("Filter by key prefix"));
    m_prefix->setClearButtonEnabled(true);
    auto *kvSplit = new QSplitter(Qt::Vertical, kvPage);
    m_kvView = makeTable(kvSplit);
    m_kvView->setModel(m_kv);
    m_value = new QPlainTextEdit(kvSplit);
    m_value->setReadOnly(true);
    m_value->setFont(mono);
    m_value->setPlaceholderText(tr("Select a key to see its value and metadata"));
    kvSplit->setStretchFactor(0, 3);
    kvSplit->setStretchFactor(1, 1);
    kvLayout->addWidget(m_prefix);
    kvLayout->addWidget(kvSplit, 1);
    m_pages->addWidget(kvPage);

    // D1: tables or a table's rows, then the SQL box and its result.
    auto *dbSplit = new QSplitter(Qt::Vertical, m_pages);
    m_dbView = makeTable(dbSplit);
    m_dbView->setItemDelegate(new SqlValueDelegate(m_dbView));
    auto *sqlBox = new QWidget(dbSplit);
    auto *sqlLayout = new QVBoxLayout(sqlBox);
    sqlLayout->setContentsMargins(0, 0, 0, 0);
    auto *sqlRow = new QHBoxLayout;
    m_sql = new QPlainTextEdit(sqlBox);
    m_sql->setFont(mono);
    m_sql->setPlaceholderText(tr("SELECT … (read-only: statements that write are refused)"));
    m_sql->setMaximumHeight(m_sql->fontMetrics().height() * 5);
    m_run = new QPushButton(tr("Run"), sqlBox);
    m_run->setToolTip(tr("Run the query (Ctrl+Return)"));
    sqlRow->addWidget(m_sql, 1);
    sqlRow->addWidget(m_run, 0, Qt::AlignTop);
    m_status = new QLabel(sqlBox);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_queryView = makeTable(sqlBox);
    m_queryView->setModel(m_query);
    m_queryView->setItemDelegate(new SqlValueDelegate(m_queryView));
    sqlLayout->addLayout(sqlRow);
    sqlLayout->addWidget(m_status);
    sqlLayout->addWidget(m_queryView, 1);
    dbSplit->setStretchFactor(0, 3);
    dbSplit->setStretchFactor(1, 2);
    m_pages->addWidget(dbSplit);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_treeView);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({300, 700});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StorageInspectorWidget::showSelection);
    connect(m_kvView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StorageInspectorWidget::showValue);
    connect(m_kv, &QAbstractItemModel::dataChanged, this, &StorageInspectorWidget::showValue);
    connect(m_prefix, &QLineEdit::textChanged, m_kv, &KvEntriesModel::setPrefix);
    connect(m_run, &QPushButton::clicked, this, &StorageInspectorWidget::runSqlBox);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_sql);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, this, &StorageInspectorWidget::runSqlBox);
    // A table in the database's list opens it.
    connect(m_dbView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_dbView->model() == m_tables)
            selectTable(m_tables->binding(),
                        m_tables->index(index.row(), D1TablesModel::NameColumn).data().toString());
    });
    connect(m_feed, &StorageFeed::changed, this, &StorageInspectorWidget::refresh);

    setStorage(nullptr);
}

StorageInspectorWidget::~StorageInspectorWidget() = default;

void StorageInspectorWidget::setStorage(std::shared_ptr<IsolateStorage> storage)
{
    m_feed->setStorage(storage);
    m_kv->setSource(storage, {});
    m_tables->setSource(storage, {});
    m_rows->setSource(storage, {}, {});
    m_query->setSource(storage, {});
    m_tree->setStorage(storage);
    m_treeView->expandAll();
    m_status->clear();
    m_emptyLabel->setText(storage
                              ? tr("This worker declares no storage bindings (add kv_namespaces or "
                                   "d1_databases to wrangler.jsonc).")
                              : tr("No storage to show yet: run the app or a test file."));
    if (m_tree->rowCount() > 0)
        m_treeView->setCurrentIndex(m_tree->index(0, 0));
    else
        showSelection();
}

std::shared_ptr<IsolateStorage> StorageInspectorWidget::storage() const
{
    return m_tree->storage();
}

bool StorageInspectorWidget::selectBinding(const QString &binding)
{
    const QModelIndex index = m_tree->bindingIndex(binding);
    if (!index.isValid())
        return false;
    m_treeView->setCurrentIndex(index);
    return true;
}

bool StorageInspectorWidget::selectTable(const QString &binding, const QString &table)
{
    const QModelIndex index = m_tree->tableIndex(binding, table);
    if (!index.isValid())
        return false;
    m_treeView->expand(index.parent());
    m_treeView->setCurrentIndex(index);
    return true;
}

StorageInspectorWidget::Page StorageInspectorWidget::page() const
{
    switch (m_pages->currentIndex()) {
    case KvPage:
        return Page::Kv;
    case DatabasePage:
        return m_dbView->model() == m_rows ? Page::Table : Page::Database;
    default:
        return Page::Empty;
    }
}

void StorageInspectorWidget::showSelection()
{
    const QModelIndex current = m_treeView->currentIndex();
    const QString kind = current.data(StorageTreeModel::KindRole).toString();
    const QString binding = current.data(StorageTreeModel::BindingRole).toString();
    const std::shared_ptr<IsolateStorage> storage = m_tree->storage();
    if (!current.isValid() || !storage) {
        m_title->clear();
        m_pages->setCurrentIndex(EmptyPage);
        return;
    }
    const QString path = QString::fromStdString(storage->databasePath(binding.toStdString()));
    if (kind == QLatin1String("kv")) {
        m_title->setText(tr("KV namespace %1 — %2").arg(binding, path));
        m_title->setToolTip(m_title->text());
        m_kv->setSource(storage, binding);
        m_kv->setPrefix(m_prefix->text());
        m_kvView->resizeColumnsToContents();
        m_value->clear();
        m_pages->setCurrentIndex(KvPage);
        return;
    }
    if (m_query->binding() != binding)
        m_query->setSource(storage, binding);
    if (kind == QLatin1String("table")) {
        const QString table = current.data(StorageTreeModel::TableRole).toString();
        m_title->setText(tr("D1 database %1, table %2 — %3").arg(binding, table, path));
        m_title->setToolTip(m_title->text());
        m_rows->setSource(storage, binding, table);
        m_dbView->setModel(m_rows);
        if (m_sql->toPlainText().trimmed().isEmpty())
            m_sql->setPlainText(QStringLiteral("SELECT * FROM \"%1\" LIMIT 100").arg(table));
    } else {
        m_title->setText(tr("D1 database %1 — %2").arg(binding, path));
        m_title->setToolTip(m_title->text());
        m_tables->setSource(storage, binding);
        m_dbView->setModel(m_tables);
    }
    m_dbView->resizeColumnsToContents();
    m_pages->setCurrentIndex(DatabasePage);
}

void StorageInspectorWidget::showValue()
{
    const QModelIndex current = m_kvView->currentIndex();
    if (!current.isValid()) {
        m_value->clear();
        return;
    }
    const int row = current.row();
    QString text = m_kv->valueText(row);
    const QString metadata =
        m_kv->index(row, KvEntriesModel::MetadataColumn).data(Qt::UserRole).toString();
    if (!metadata.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(metadata.toUtf8());
        text += QStringLiteral("\n\n") + tr("Metadata:") + QLatin1Char('\n') +
                (doc.isNull() ? metadata : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
    }
    if (m_value->toPlainText() != text)
        m_value->setPlainText(text);
}

void StorageInspectorWidget::runSqlBox()
{
    runQuery(m_sql->toPlainText());
}

bool StorageInspectorWidget::runQuery(const QString &sql)
{
    if (m_sql->toPlainText() != sql)
        m_sql->setPlainText(sql);
    const bool ok = m_query->run(sql);
    if (ok)
        m_status->setText((m_query->truncated() ? tr("first %n row(s) (more not shown)", nullptr,
                                                     m_query->rowCount())
                                                : tr("%n row(s)", nullptr, m_query->rowCount())) +
                          tr(" in %1 ms").arg(m_query->durationMs(), 0, 'f', 2));
    else
        m_status->setText(m_query->errorString());
    return ok;
}

void StorageInspectorWidget::refresh()
{
    m_tree->refresh();
    switch (page()) {
    case Page::Kv:
        m_kv->refresh();
        break;
    case Page::Database:
        m_tables->refresh();
        m_query->refresh();
        break;
    case Page::Table:
        m_rows->refresh();
        m_query->refresh();
        break;
    case Page::Empty:
        break;
    }
}

QString StorageInspectorWidget::statusText() const
{
    return m_status->text();
}

QString StorageInspectorWidget::valueText() const
{
    return m_value->toPlainText();
}

} // namespace sy

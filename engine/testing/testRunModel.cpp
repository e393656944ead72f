#include "testing/testRunModel.h"

#include <QDir>
#include <QHash>
#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

namespace sy {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

bool isFinal(TestStatus status)
{
    return status != TestStatus::Pending && status != TestStatus::Running;
}

} // namespace

QString TestRunModel::formatDuration(double ms)
{
    if (ms < 10)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
    return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 2);
}

namespace {

QString formatMs(double ms)
{
    return TestRunModel::formatDuration(ms);
}

QVariantMap errorMap(const QString &phase, const TestError &e)
{
    return {{QStringLiteral("phase"), phase},
            {QStringLiteral("name"), qs(e.name)},
            {QStringLiteral("message"), qs(e.message)},
            {QStringLiteral("stack"), qs(e.stack)},
            {QStringLiteral("expected"), qs(e.expected)},
            {QStringLiteral("actual"), qs(e.actual)},
            {QStringLiteral("diff"), qs(e.diff)}};
}

QString errorText(const QString &phase, const TestError &e)
{
    QString text;
    if (!phase.isEmpty())
        text += QLatin1Char('[') + phase + QStringLiteral("] ");
    text += e.name.empty() ? qs(e.message) : qs(e.name) + QStringLiteral(": ") + qs(e.message);
    text += QLatin1Char('\n');
    if (!e.diff.empty())
        text += QLatin1Char('\n') + qs(e.diff) + QLatin1Char('\n');
    if (!e.stack.empty()) {
        // A V8 stack repeats "Name: message" on its first line.
        QString stack = qs(e.stack);
        const qsizetype firstLineEnd = stack.indexOf(QLatin1Char('\n'));
        if (firstLineEnd > 0 && !stack.startsWith(QLatin1String("    at ")) &&
            stack.left(firstLineEnd).contains(qs(e.message)))
            stack = stack.mid(firstLineEnd + 1);
        text += QLatin1Char('\n') + stack + QLatin1Char('\n');
    }
    return text;
}

} // namespace

struct TestRunModel::Node {
    Kind kind = TestKind;
    Node *parent = nullptr; ///< null for files
    Node *file = nullptr;   ///< the file node this item belongs to (itself for files)
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    // Files: the last result without its cases (they are the children).
    TestFileResult result;
    bool queued = false;
    bool partial = false;           ///< the current/last run restricted to `selected`
    std::set<std::string> selected; ///< test ids of a partial run
    std::vector<std::pair<std::string, std::string>> shape; ///< (id, parentId) as built
    std::unordered_map<std::string, Node *> byId;

    // Suites and tests.
    TestCaseResult test;

    bool isSelected(const std::string &id) const { return !partial || selected.count(id) > 0; }
};

TestRunModel::TestRunModel(QObject *parent) : QAbstractItemModel(parent)
{
    qRegisterMetaType<sy::TestJob>();
    qRegisterMetaType<QList<sy::TestJob>>();
    qRegisterMetaType<sy::TestFileResult>();
    qRegisterMetaType<sy::TestCaseResult>();
    qRegisterMetaType<sy::TestConsoleLine>();
    qRegisterMetaType<sy::TestRunSummary>();
}

TestRunModel::~TestRunModel() = default;

TestRunModel::Node *TestRunModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex TestRunModel::indexOf(const Node *node, int column) const
{
    return node ? createIndex(node->row, column, const_cast<Node *>(node)) : QModelIndex();
}

QModelIndex TestRunModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || parent.column() > 0)
        return {};
    if (!parent.isValid())
        return row < int(m_files.size()) ? createIndex(row, column, m_files[row].get())
                                         : QModelIndex();
    const Node *p = nodeOf(parent);
    return row < int(p->children.size()) ? createIndex(row, column, p->children[row].get())
                                         : QModelIndex();
}

QModelIndex TestRunModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    return node ? indexOf(node->parent) : QModelIndex();
}

int TestRunModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    if (!parent.isValid())
        return int(m_files.size());
    return int(nodeOf(parent)->children.size());
}

int TestRunModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QHash<int, QByteArray> TestRunModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert({{KindRole, "kind"},
                  {StatusRole, "status"},
                  {QueuedRole, "queued"},
                  {FilePathRole, "filePath"},
                  {RelativePathRole, "relativePath"},
                  {TestIdRole, "testId"},
                  {FullNameRole, "fullName"},
                  {LineRole, "line"},
                  {DurationMsRole, "durationMs"},
                  {IsolateStartMsRole, "isolateStartMs"},
                  {ModuleLoadMsRole, "moduleLoadMs"},
                  {TestTimeMsRole, "testTimeMs"},
                  {ErrorsRole, "errors"},
                  {ErrorsTextRole, "errorsText"},
                  {ConsoleRole, "console"},
                  {ConsoleTextRole, "consoleText"},
                  {HasStorageRole, "hasStorage"}});
    return names;
}

QVariant TestRunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    }
    return {};
}

TestStatus TestRunModel::statusOf(const Node *node) const
{
    if (node->kind == FileKind)
        return node->queued ? TestStatus::Pending : node->result.status;
    if (node->kind == TestKind || node->children.empty())
        return node->test.status;
    // A suite: what its tests say (a suite whose hook failed reports Failed itself).
    bool running = false, failed = node->test.status == TestStatus::Failed, pending = false,
         passed = false, skipped = false;
    for (const auto &child : node->children) {
        switch (statusOf(child.get())) {
        case TestStatus::Running:
            running = true;
            break;
        case TestStatus::Failed:
            failed = true;
            break;
        case TestStatus::Pending:
            pending = true;
            break;
        case TestStatus::Passed:
            passed = true;
            break;
        case TestStatus::Skipped:
            skipped = true;
            break;
        case TestStatus::Todo:
            break;
        }
    }
    const bool fileRunning = node->file->result.status == TestStatus::Running;
    if (running || (pending && fileRunning && (passed || failed || skipped)))
        return TestStatus::Running;
    if (failed)
        return TestStatus::Failed;
    if (pending)
        return TestStatus::Pending;
    if (passed)
        return TestStatus::Passed;
    return skipped ? TestStatus::Skipped : TestStatus::Todo;
}

double TestRunModel::durationOf(const Node *node) const
{
    if (node->kind == FileKind)
        return node->result.wallMs;
    if (node->kind == TestKind)
        return node->test.durationMs;
    double sum = 0;
    for (const auto &child : node->children)
        sum += durationOf(child.get());
    return sum;
}

QString TestRunModel::statusText(const Node *node) const
{
    if (node->kind == FileKind && node->queued)
        return tr("queued");
    switch (statusOf(node)) {
    case TestStatus::Pending:
        return tr("pending");
    case TestStatus::Running:
        return tr("running");
    case TestStatus::Passed:
        return tr("passed");
    case TestStatus::Failed:
        return tr("failed");
    case TestStatus::Skipped:
        return tr("skipped");
    case TestStatus::Todo:
        return tr("todo");
    }
    return {};
}

QVariant TestRunModel::errorsOf(const Node *node) const
{
    QVariantList list;
    if (node->kind == FileKind) {
        for (const auto &fe : node->result.fileErrors)
            list << errorMap(qs(fe.phase), fe.error);
    } else {
        for (const TestError &e : node->test.errors)
            list << errorMap(QString(), e);
    }
    return list;
}

QString TestRunModel::errorsTextOf(const Node *node) const
{
    QStringList parts;
    if (node->kind == FileKind) {
        for (const auto &fe : node->result.fileErrors)
            parts << errorText(qs(fe.phase), fe.error);
    } else {
        for (const TestError &e : node->test.errors)
            parts << errorText(QString(), e);
    }
    return parts.join(QLatin1Char('\n'));
}

bool TestRunModel::lineBelongs(const TestConsoleLine &line, const Node *node) const
{
    if (node->kind == FileKind || line.testId == node->test.id)
        return true;
    if (node->kind != SuiteKind)
        return false;
    // A suite's lines are those of the tests below it.
    for (const Node *n = findTest(node->file, line.testId); n; n = n->parent)
        if (n == node)
            return true;
    return false;
}

QVariant TestRunModel::consoleOf(const Node *node) const
{
    QVariantList list;
    for (const TestConsoleLine &line : node->file->result.console)
        if (lineBelongs(line, node))
            list << QVariantMap{{QStringLiteral("testId"), qs(line.testId)},
                                {QStringLiteral("level"), qs(line.level)},
                                {QStringLiteral("text"), qs(line.text)}};
    return list;
}

QString TestRunModel::consoleTextOf(const Node *node) const
{
    QString text;
    for (const TestConsoleLine &line : node->file->result.console) {
        if (!lineBelongs(line, node))
            continue;
        if (line.level != "log" && !line.level.empty())
            text += QLatin1Char('[') + qs(line.level) + QStringLiteral("] ");
        text += qs(line.text) + QLatin1Char('\n');
    }
    return text;
}

QVariant TestRunModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeOf(index);
    if (!node || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const TestFileResult &file = node->file->result;
    const bool isFile = node->kind == FileKind;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return isFile ? qs(file.relativePath) : qs(node->test.name);
        case StatusColumn:
            return statusText(node);
        case DurationColumn: {
            const TestStatus status = statusOf(node);
            if (!isFinal(status) || status == TestStatus::Skipped || status == TestStatus::Todo)
                return QString();
            return formatMs(durationOf(node));
        }
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DurationColumn && isFile && isFinal(file.status))
            return (file.hostStartMs > 0
                        ? tr("Host isolate start %1, ").arg(formatMs(file.hostStartMs))
                        : QString()) +
                   tr("Isolate start %1, module load %2, tests %3 (wall %4)")
                       .arg(formatMs(file.isolateStartMs), formatMs(file.moduleLoadMs),
                            formatMs(file.testMs), formatMs(file.wallMs));
        return isFile ? qs(file.file) : qs(node->test.fullName);
    case Qt::TextAlignmentRole:
        return index.column() == DurationColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                : QVariant();
    case KindRole:
        return int(node->kind);
    case StatusRole:
        return int(statusOf(node));
    case QueuedRole:
        return isFile && node->queued;
    case FilePathRole:
        return qs(file.file);
    case RelativePathRole:
        return qs(file.relativePath);
    case TestIdRole:
        return isFile ? QString() : qs(node->test.id);
    case FullNameRole:
        return isFile ? qs(file.relativePath) : qs(node->test.fullName);
    case LineRole:
        return isFile ? 0 : node->test.line;
    case DurationMsRole:
        return durationOf(node);
    case IsolateStartMsRole:
        return file.isolateStartMs;
    case ModuleLoadMsRole:
        return file.moduleLoadMs;
    case TestTimeMsRole:
        return file.testMs;
    case ErrorsRole:
        return errorsOf(node);
    case ErrorsTextRole:
        return errorsTextOf(node);
    case ConsoleRole:
        return consoleOf(node);
    case ConsoleTextRole:
        return consoleTextOf(node);
    case HasStorageRole:
        return file.storage != nullptr;
    }
    return {};
}

QModelIndex TestRunModel::fileIndex(const QString &file) const
{
    const std::string path = file.toStdString();
    for (const auto &node : m_files)
        if (node->result.file == path)
            return indexOf(node.get());
    return {};
}

QModelIndex TestRunModel::testIndex(const QString &file, const QString &testId) const
{
    const QModelIndex fi = fileIndex(file);
    if (!fi.isValid())
        return {};
    return indexOf(findTest(nodeOf(fi), testId.toStdString()));
}

std::shared_ptr<IsolateStorage> TestRunModel::storage(const QString &file) const
{
    const QModelIndex fi = fileIndex(file);
    return fi.isValid() ? nodeOf(fi)->result.storage : nullptr;
}

TestRunModel::Node *TestRunModel::findTest(Node *file, const std::string &id) const
{
    if (!file)
        return nullptr;
    const auto it = file->byId.find(id);
    return it == file->byId.end() ? nullptr : it->second;
}

TestRunModel::Node *TestRunModel::runFile(int file) const
{
    return file >= 0 && file < int(m_run.size()) ? m_run[file] : nullptr;
}

int TestRunModel::count(TestStatus status) const
{
    int n = 0;
    std::function<void(const Node *)> visit = [&](const Node *node) {
        if (node->kind == TestKind && node->test.status == status)
            ++n;
        for (const auto &child : node->children)
            visit(child.get());
    };
    for (const auto &file : m_files)
        visit(file.get());
    return n;
}

void TestRunModel::collectTestIds(const Node *node, std::vector<std::string> &ids) const
{
    if (node->kind == TestKind)
        ids.push_back(node->test.id);
    for (const auto &child : node->children)
        collectTestIds(child.get(), ids);
}

std::vector<TestJob> TestRunModel::jobsFor(const QModelIndexList &indexes) const
{
    std::set<const Node *> whole;
    std::unordered_map<const Node *, std::set<std::string>> tests;
    for (const QModelIndex &index : indexes) {
        const Node *node = nodeOf(index);
        if (!node)
            continue;
        if (node->kind == FileKind) {
            whole.insert(node);
            continue;
        }
        std::vector<std::string> ids;
        collectTestIds(node, ids);
        tests[node->file].insert(ids.begin(), ids.end());
    }
    std::vector<TestJob> jobs;
    for (const auto &file : m_files) {
        if (whole.count(file.get())) {
            jobs.push_back({file->result.file, {}});
        } else if (auto it = tests.find(file.get()); it != tests.end() && !it->second.empty()) {
            jobs.push_back({file->result.file, {it->second.begin(), it->second.end()}});
        }
    }
    return jobs;
}

std::vector<TestJob> TestRunModel::failedJobs() const
{
    std::vector<TestJob> jobs;
    for (const auto &file : m_files) {
        if (file->queued || file->result.status != TestStatus::Failed)
            continue;
        std::vector<std::string> failed;
        std::function<void(const Node *)> visit = [&](const Node *node) {
            if (node->kind == TestKind && node->test.status == TestStatus::Failed)
                failed.push_back(node->test.id);
            for (const auto &child : node->children)
                visit(child.get());
        };
        visit(file.get());
        if (!file->result.fileErrors.empty() || failed.empty())
            failed.clear();
        jobs.push_back({file->result.file, failed});
    }
    return jobs;
}

std::vector<TestJob> TestRunModel::allJobs() const
{
    std::vector<TestJob> jobs;
    for (const auto &file : m_files)
        jobs.push_back({file->result.file, {}});
    return jobs;
}

int TestRunModel::insertFile(const QString &file, const QString &relativePath)
{
    auto node = std::make_unique<Node>();
    node->kind = FileKind;
    node->file = node.get();
    node->result.file = file.toStdString();
    node->result.relativePath = relativePath.toStdString();
    const auto pos = std::lower_bound(m_files.begin(), m_files.end(), node->result.relativePath,
                                      [](const std::unique_ptr<Node> &n, const std::string &rel) {
                                          return n->result.relativePath < rel;
                                      });
    const int row = int(pos - m_files.begin());
    beginInsertRows({}, row, row);
    m_files.insert(pos, std::move(node));
    for (int i = row; i < int(m_files.size()); ++i)
        m_files[i]->row = i;
    endInsertRows();
    return row;
}

void TestRunModel::setFiles(const QString &root, const QStringList &files)
{
    m_root = root;
    const QDir rootDir(root);
    QSet<QString> wanted(files.begin(), files.end());
    // Remove files that are gone (not while they are part of the run).
    for (int row = int(m_files.size()) - 1; row >= 0; --row) {
        Node *node = m_files[row].get();
        if (wanted.contains(qs(node->result.file)) ||
            std::find(m_run.begin(), m_run.end(), node) != m_run.end())
            continue;
        beginRemoveRows({}, row, row);
        m_files.erase(m_files.begin() + row);
        for (int i = row; i < int(m_files.size()); ++i)
            m_files[i]->row = i;
        endRemoveRows();
    }
    for (const QString &file : files)
        if (!fileIndex(file).isValid())
            insertFile(file, QDir::fromNativeSeparators(rootDir.relativeFilePath(file)));
}

void TestRunModel::clear()
{
    beginResetModel();
    m_files.clear();
    m_run.clear();
    m_root.clear();
    m_summary = {};
    const bool wasRunning = m_running;
    m_running = false;
    endResetModel();
    if (wasRunning)
        emit runningChanged(false);
}

void TestRunModel::changed(Node *node, bool withAncestors)
{
    for (Node *n = node; n; n = withAncestors ? n->parent : nullptr) {
        emit dataChanged(indexOf(n, 0), indexOf(n, ColumnCount - 1));
        if (!withAncestors)
            break;
    }
}

void TestRunModel::fileChanged(Node *file)
{
    // The file's own row and, since every item shows its file's times and
    // console, each child range below it.
    std::function<void(Node *)> visit = [&](Node *node) {
        if (node->children.empty())
            return;
        emit dataChanged(indexOf(node->children.front().get(), 0),
                         indexOf(node->children.back().get(), ColumnCount - 1));
        for (const auto &child : node->children)
            visit(child.get());
    };
    emit dataChanged(indexOf(file, 0), indexOf(file, ColumnCount - 1));
    visit(file);
}

void TestRunModel::beginRun(const QList<TestJob> &jobs)
{
    m_run.clear();
    const QDir rootDir(m_root);
    for (const TestJob &job : jobs) {
        const QString path = qs(job.file);
        QModelIndex fi = fileIndex(path);
        if (!fi.isValid()) {
            const QString rel = m_root.isEmpty()
                                    ? path
                                    : QDir::fromNativeSeparators(rootDir.relativeFilePath(path));
            fi = index(insertFile(path, rel), 0);
        }
        Node *file = nodeOf(fi);
        file->queued = true;
        file->partial = !job.onlyTestIds.empty();
        file->selected = {job.onlyTestIds.begin(), job.onlyTestIds.end()};
        m_run.push_back(file);
        changed(file, false);
    }
    const bool wasRunning = m_running;
    m_running = true;
    if (!wasRunning)
        emit runningChanged(true);
}

void TestRunModel::startFile(int index)
{
    Node *file = runFile(index);
    if (!file)
        return;
    TestFileResult &r = file->result;
    file->queued = false;
    r.status = TestStatus::Running;
    r.isolateStartMs = r.hostStartMs = r.moduleLoadMs = r.testMs = r.wallMs = 0;
    r.fileErrors.clear();
    r.storage.reset();
    // A partial run keeps the console lines of the tests it does not run.
    std::erase_if(r.console, [&](const TestConsoleLine &line) {
        return !file->partial || line.testId.empty() || file->isSelected(line.testId);
    });
    fileChanged(file);
}

void TestRunModel::updateCase(Node *node, const TestCaseResult &test)
{
    node->test = test;
    node->kind = test.isSuite ? SuiteKind : TestKind;
}

void TestRunModel::applyCases(Node *file, const std::vector<TestCaseResult> &cases,
                              bool keepUnselected)
{
    std::vector<std::pair<std::string, std::string>> shape;
    shape.reserve(cases.size());
    for (const TestCaseResult &c : cases)
        shape.emplace_back(c.id, c.parentId + (c.isSuite ? "/suite" : "/test"));

    auto keep = [&](const TestCaseResult &c) {
        return keepUnselected && !c.isSuite && !file->isSelected(c.id);
    };
    if (shape == file->shape) {
        for (const TestCaseResult &c : cases) {
            Node *node = findTest(file, c.id);
            if (!node || keep(c))
                continue;
            updateCase(node, c);
            changed(node, false);
        }
        // Suites aggregate their tests: refresh them (and the file) once.
        std::function<void(Node *)> suites = [&](Node *node) {
            for (const auto &child : node->children)
                if (child->kind == SuiteKind) {
                    suites(child.get());
                    changed(child.get(), false);
                }
        };
        suites(file);
        changed(file, false);
        return;
    }

    // The file's tests changed (or were never known): rebuild its subtree.
    std::unordered_map<std::string, TestCaseResult> previous;
    for (const auto &[id, node] : file->byId)
        previous.emplace(id, node->test);
    if (!file->children.empty()) {
        beginRemoveRows(indexOf(file), 0, int(file->children.size()) - 1);
        file->children.clear();
        file->byId.clear();
        file->shape.clear();
        endRemoveRows();
    }
    std::vector<std::unique_ptr<Node>> top;
    std::unordered_map<std::string, Node *> byId;
    for (const TestCaseResult &c : cases) {
        auto node = std::make_unique<Node>();
        node->file = file;
        const auto old = previous.find(c.id);
        updateCase(node.get(),
                   keep(c) && old != previous.end() && !old->second.isSuite ? old->second : c);
        const auto parentIt = byId.find(c.parentId);
        Node *parent = c.parentId.empty() || parentIt == byId.end() ? nullptr : parentIt->second;
        byId[c.id] = node.get();
        if (parent) {
            node->parent = parent;
            node->row = int(parent->children.size());
            parent->children.push_back(std::move(node));
        } else {
            node->parent = file;
            node->row = int(top.size());
            top.push_back(std::move(node));
        }
    }
    if (top.empty())
        return;
    beginInsertRows(indexOf(file), 0, int(top.size()) - 1);
    file->children = std::move(top);
    file->byId = std::move(byId);
    file->shape = std::move(shape);
    endInsertRows();
    changed(file, false);
}

void TestRunModel::collectFile(int index, const TestFileResult &result)
{
    Node *file = runFile(index);
    if (!file)
        return;
    file->result.moduleLoadMs = result.moduleLoadMs;
    file->result.isolateStartMs = result.isolateStartMs;
    file->result.hostStartMs = result.hostStartMs;
    applyCases(file, result.cases, file->partial);
}

void TestRunModel::startTest(int index, const TestCaseResult &test)
{
    finishTest(index, test); // same update: the test's state as the runner has it
}

void TestRunModel::finishTest(int index, const TestCaseResult &test)
{
    Node *file = runFile(index);
    Node *node = findTest(file, test.id);
    if (!node || !file->isSelected(test.id))
        return;
    updateCase(node, test);
    changed(node, true);
}

void TestRunModel::addConsoleLine(int index, const TestConsoleLine &line)
{
    Node *file = runFile(index);
    if (!file)
        return;
    file->result.console.push_back(line);
    changed(file, false);
    if (Node *test = findTest(file, line.testId))
        changed(test, true);
}

TestStatus TestRunModel::partialFileStatus(const Node *file) const
{
    if (!file->result.fileErrors.empty())
        return TestStatus::Failed;
    bool passed = false;
    std::function<bool(const Node *)> failed = [&](const Node *node) {
        if (node->kind == TestKind) {
            passed |= node->test.status == TestStatus::Passed;
            if (node->test.status == TestStatus::Failed)
                return true;
        }
        for (const auto &child : node->children)
            if (failed(child.get()))
                return true;
        return false;
    };
    if (failed(file))
        return TestStatus::Failed;
    return passed || file->children.empty() ? TestStatus::Passed : TestStatus::Skipped;
}

void TestRunModel::finishFile(int index, const TestFileResult &result)
{
    Node *file = runFile(index);
    if (!file)
        return;
    applyCases(file, result.cases, file->partial);
    std::vector<TestConsoleLine> kept = std::move(file->result.console);
    // What arrived live is in `result.console` too; keep only the lines of a
    // partial run's other tests from before.
    std::erase_if(kept, [&](const TestConsoleLine &line) {
        return !file->partial || line.testId.empty() || file->isSelected(line.testId);
    });
    file->result = result;
    file->result.cases.clear();
    file->result.console.insert(file->result.console.begin(), kept.begin(), kept.end());
    file->queued = false;
    if (file->partial)
        file->result.status = partialFileStatus(file);
    fileChanged(file);
}

void TestRunModel::endRun(const TestRunSummary &summary)
{
    for (Node *file : m_run)
        if (file->queued) { // cancelled before it started
            file->queued = false;
            changed(file, false);
        }
    m_run.clear();
    m_summary = summary;
    m_running = false;
    emit runningChanged(false);
    emit runFinished(summary);
}

} // namespace sy

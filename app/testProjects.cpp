#include "testProjects.h"

#include "cliCommon.h"
#include "env/vitestConfig.h"
#include "runtimePaths.h"
#include "testing/nodeSideTests.h"
#include "testing/testRunListeners.h"
#include "testing/vitestTestConfig.h"

#include <QDateTime>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

namespace sy::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// Vitest's wildcardPatternToRegExp: `*` any text, a leading `!` negates.
bool matchesPattern(std::string pattern, const std::string &name)
{
    const bool negated = !pattern.empty() && pattern[0] == '!';
    if (negated)
        pattern.erase(0, 1);
    std::string body;
    for (char c : pattern) {
        if (c == '*')
            body += ".*";
        else if (std::string_view("\\^$.|?+()[]{}").find(c) != std::string_view::npos)
            body += std::string("\\") + c;
        else
            body += c;
    }
    body += "$";
    const std::string source = negated ? "^(?!" + body + ")" : "^" + body;
    return std::regex_search(name, std::regex(source, std::regex::ECMAScript | std::regex::icase));
}

/// A config-file or folder project's name: test.name, else the folder's
/// package.json name, else the folder's name (Vitest's vitest:project:name).
std::string projectName(const ProjectConfig &project, const json &entry)
{
    const json test = json::parse(project.vitestTestJson, nullptr, false);
    if (test.is_object() && test.contains("name") && test["name"].is_string() &&
        !test["name"].get<std::string>().empty())
        return test["name"].get<std::string>();
    if (entry.value("kind", std::string()) == "inline")
        return entry.value("name", std::string());
    std::ifstream in(fs::path(project.root) / "package.json");
    const json pkg = in ? json::parse(in, nullptr, false) : json();
    if (pkg.is_object() && pkg.contains("name") && pkg["name"].is_string() &&
        !pkg["name"].get<std::string>().empty())
        return pkg["name"].get<std::string>();
    return fs::path(project.root).filename().string();
}

ProjectLoadOptions loadOptionsFor(const TestCommand &command, const json &entry, bool globalSetup)
{
    ProjectLoadOptions o;
    o.mode = command.cli.mode;
    o.mainOptional = true;
    o.readTestConfig = true;
    o.runGlobalSetup = globalSetup;
    o.cloudflareEnv = command.cli.cloudflareEnv;
    const std::string kind = entry.value("kind", std::string());
    if (kind == "file")
        o.vitestConfigFile = entry.value("configFile", std::string());
    else if (kind == "inline")
        o.inlineVitestResultJson = entry.contains("result") ? entry["result"].dump() : "{}";
    return o;
}

/// The root's provided values under the project's own (Vitest's
/// getProvidedContext: the root project's, then the project's).
std::string mergedProvide(const std::string &rootJson, const std::string &ownJson)
{
    json merged = json::parse(rootJson, nullptr, false);
    const json own = json::parse(ownJson, nullptr, false);
    if (!merged.is_object())
        merged = json::object();
    if (own.is_object())
        merged.update(own);
    return merged.dump();
}

/// Applies the project's test config and the command line, as
/// TestCommand::load does for a single app. False + error on a bad value.
bool configure(TestCommand &command, TestProjectRun &run, std::string &error)
{
    TestRunOptions &o = run.options;
    if (!applyVitestTestConfig(run.project, o.config, error) ||
        !loadTestConfig(run.project.root, o.config, error))
        return false;
    run.globalSetupId = o.config.globalSetupId;
    o.config.providedJson =
        mergedProvide(command.options.config.providedJson, o.config.providedJson);
    applyRunOverrides(command.cli, o);
    o.testNamePattern = command.options.testNamePattern;
    o.updateSnapshot = command.options.updateSnapshot;
    run.files = findTestFiles(run.project.root, o.config, command.filters,
                              command.cli.shard.value_or(TestShard{}));
    if (!o.config.includeGiven)
        takeNodeSideTestFiles(run.files); // as a single app: Node-side files are no worker tests
    run.project.cacheDir = run.project.cacheDir + "/test";
    return true;
}

/// Hands one project's run to the run's listeners: file indexes shifted to
/// the project's place in the whole run, file names labelled `|name| path`,
/// the project's own start and end left to the whole run.
class ProjectListener : public TestRunListener {
public:
    ProjectListener(TestRunListener &out, int offset, std::string label, std::string root)
        : m_out(out), m_offset(offset), m_label(std::move(label)), m_root(std::move(root))
    {
    }
    void fileStarted(int file) override { m_out.fileStarted(m_offset + file); }
    void fileCollected(int file, const TestFileResult &r) override
    {
        m_out.fileCollected(m_offset + file, labelled(r));
    }
    void testStarted(int file, const TestCaseResult &t) override
    {
        m_out.testStarted(m_offset + file, t);
    }
    void testFinished(int file, const TestCaseResult &t) override
    {
        m_out.testFinished(m_offset + file, t);
    }
    void consoleLine(int file, const TestConsoleLine &line) override
    {
        m_out.consoleLine(m_offset + file, line);
    }
    void fileFinished(int file, const TestFileResult &r) override
    {
        m_out.fileFinished(m_offset + file, labelled(r));
    }

private:
    TestFileResult labelled(const TestFileResult &r) const
    {
        TestFileResult copy = r;
        copy.storage.reset();
        copy.relativePath = m_label + fs::path(r.file).lexically_relative(m_root).generic_string();
        return copy;
    }
    TestRunListener &m_out;
    int m_offset;
    std::string m_label;
    std::string m_root;
};

std::string labelOf(const TestProjectRun &run)
{
    return run.name.empty() ? std::string() : "|" + run.name + "| ";
}

} // namespace

bool matchesProjectFilter(const std::string &name, const std::vector<std::string> &filters)
{
    if (filters.empty())
        return true;
    for (const std::string &f : filters)
        if (matchesPattern(f, name))
            return true;
    return false;
}

int loadTestProjects(TestCommand &command)
{
    const json test = json::parse(command.project.vitestTestJson, nullptr, false);
    if (!test.is_object() || !test.contains("projects") || !test["projects"].is_array())
        return -1;
    const std::vector<std::string> &filters = command.cli.projects;
    const bool globalSetup = !command.cli.printConfig;
    const std::string toolsJsDir = app::toolsJsDir().toStdString();
    for (const json &entry : test["projects"]) {
        const std::string root = entry.value("root", std::string());
        auto run = std::make_unique<TestProjectRun>();
        std::string error;
        // With --project, the name decides first (Vitest filters a project out
        // before its globalSetup runs): read without running globalSetup.
        if (!filters.empty()) {
            ProjectConfig probe;
            if (!loadProjectConfig(root, toolsJsDir, probe, error,
                                   loadOptionsFor(command, entry, false))) {
                std::fprintf(stderr, "switchyard: %s\n", error.c_str());
                return 2;
            }
            if (!matchesProjectFilter(projectName(probe, entry), filters))
                continue;
        }
        if (!loadProject(QString::fromStdString(root), run->project,
                         loadOptionsFor(command, entry, globalSetup)))
            return 2;
        run->name = projectName(run->project, entry);
        const bool ok = configure(command, *run, error);
        command.projects.push_back(std::move(run)); // its globalSetup is torn down either way
        if (!ok) {
            std::fprintf(stderr, "switchyard test: %s\n", error.c_str());
            return 2;
        }
    }
    if (command.projects.empty() && !filters.empty()) {
        std::string list;
        for (const std::string &f : filters)
            list += (list.empty() ? "" : "\", \"") + f;
        std::fprintf(stderr, "switchyard test: No projects matched the filter \"%s\".\n",
                     list.c_str());
        return 1;
    }
    return -1;
}

std::string testProjectsConfigJson(const TestCommand &command)
{
    json root = json::parse(testConfigToJson(command.project, command.options.config, {}));
    json projects = json::array();
    for (const auto &run : command.projects) {
        json one = json::parse(testConfigToJson(run->project, run->options.config, run->files));
        one["projectName"] = run->name;
        projects.push_back(std::move(one));
    }
    root["projects"] = std::move(projects);
    return root.dump(2) + "\n";
}

TestRunSummary runTestProjects(TestCommand &command, bool &reportsOk,
                               const std::vector<std::vector<std::string>> *only, bool keepSessions)
{
    const std::string &root = command.project.root;
    auto filesOf = [&](size_t i) -> const std::vector<std::string> & {
        return only && i < only->size() ? (*only)[i] : command.projects[i]->files;
    };
    std::vector<TestFileResult> skeleton;
    for (size_t i = 0; i < command.projects.size(); ++i)
        for (const std::string &f : filesOf(i)) {
            TestFileResult r;
            r.file = f;
            r.relativePath = labelOf(*command.projects[i]) +
                             fs::path(f).lexically_relative(root).generic_string();
            skeleton.push_back(std::move(r));
        }
    TestListenerFanOut listeners;
    for (const auto &console : command.consoles)
        listeners.add(console.get());
    command.startedAtMs = static_cast<double>(QDateTime::currentMSecsSinceEpoch());
    listeners.runStarted(skeleton);
    const auto t0 = std::chrono::steady_clock::now();
    auto msSince = [](std::chrono::steady_clock::time_point t) {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t)
            .count();
    };
    TestRunSummary total;
    std::vector<TestFileResult> results;
    double transformMs = 0;
    int offset = 0;
    for (size_t i = 0; i < command.projects.size(); ++i) {
        TestProjectRun &run = *command.projects[i];
        const std::vector<std::string> &files = filesOf(i);
        if (files.empty())
            continue;
        if (!run.session) {
            // Prepared over all its files (their pre-bundles), whichever of them run now.
            const auto prepared = std::chrono::steady_clock::now();
            run.transforms = std::make_unique<TransformService>();
            run.session = std::make_unique<DevSession>(run.project, *run.transforms);
            run.runner = prepareTestSession(*run.session, run.options, run.files, run.name);
            transformMs += msSince(prepared);
        }
        ProjectListener project(listeners, offset, labelOf(run), root);
        TestListenerFanOut fan;
        fan.add(&project);
        const int bailAfter =
            command.cli.bail > 0 ? std::max(1, command.cli.bail - total.failed) : 0;
        BailListener bail(*run.runner, bailAfter);
        if (bailAfter > 0)
            fan.add(&bail);
        std::vector<TestJob> jobs;
        for (const std::string &f : files)
            jobs.push_back({f, {}});
        const TestRunSummary s = run.runner->run(jobs, &fan);
        const bool bailed = bail.finish();
        total.files += s.files;
        total.failedFiles += s.failedFiles;
        total.passed += s.passed;
        total.failed += s.failed;
        total.skipped += s.skipped;
        total.todo += s.todo;
        for (const TestFileResult &r : run.runner->results()) {
            TestFileResult copy = r;
            copy.storage.reset();
            copy.relativePath = fs::path(r.file).lexically_relative(root).generic_string();
            auto last = std::find_if(run.lastResults.begin(), run.lastResults.end(),
                                     [&](const TestFileResult &l) { return l.file == r.file; });
            if (last == run.lastResults.end())
                run.lastResults.push_back(copy);
            else
                *last = copy;
            results.push_back(std::move(copy));
        }
        if (!keepSessions) {
            run.runner.reset();
            run.session.reset();
            run.transforms.reset();
        }
        offset += static_cast<int>(files.size());
        if (bailed)
            break;
    }
    command.lastResults.clear();
    for (const auto &run : command.projects)
        command.lastResults.insert(command.lastResults.end(), run->lastResults.begin(),
                                   run->lastResults.end());
    total.snapshots.root = root;
    total.snapshots.didUpdate = command.options.updateSnapshot == "all";
    for (const TestFileResult &r : results)
        total.snapshots.add(r.snapshot);
    total.wallMs = msSince(t0) - transformMs;
    for (const auto &console : command.consoles)
        console->setTransformMs(transformMs);
    listeners.runFinished(total);
    reportsOk = command.writeDocuments(results, total);
    return total;
}

void tearDownProjectGlobalSetups(TestCommand &command)
{
    for (const auto &run : command.projects) {
        for (const std::string &e :
             teardownVitestGlobalSetup(app::toolsJsDir().toStdString(), run->globalSetupId))
            std::fprintf(stderr, "switchyard test: %s\n", e.c_str());
        run->globalSetupId = 0;
    }
}

} // namespace sy::cli

// The two watch targets (testWatchTarget.h): the app's own test session, and
// the projects of test.projects, each with its own session kept warm.
#include "testWatchTarget.h"

#include "testCommand.h"
#include "testProjects.h"

#include "dev/devSession.h"
#include "testing/nodeSideTests.h"
#include "testing/testFiles.h"
#include "testing/testWatch.h"

#include <algorithm>

namespace sy::cli {

namespace {

bool contains(const std::vector<std::string> &list, const std::string &item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

/// The test files of a configuration now (files added or removed since the last look count).
std::vector<std::string> testFilesNow(const ProjectConfig &project, const TestRunOptions &options,
                                      const TestCommand &command)
{
    std::vector<std::string> files = findTestFiles(project.root, options.config, command.filters,
                                                   command.cli.shard.value_or(TestShard{}));
    if (!options.config.includeGiven)
        takeNodeSideTestFiles(files);
    return files;
}

/// Drops what `session` built from `changed` files (and the lookups when a directive moved).
void invalidate(DevSession &session, const std::vector<std::string> &changed)
{
    bool lookupsChanged = false;
    for (const std::string &file : changed) {
        lookupsChanged = session.directives().update(file) || lookupsChanged;
        const std::string cause = "changed " + file;
        session.client().invalidateFile(file, cause);
        session.ssr().invalidateFile(file, cause);
        session.worker().invalidateFile(file, cause);
    }
    if (lookupsChanged)
        session.invalidateLookups("directives changed");
}

/// The files of `now` to rerun in a session after `changed` changed: those whose graph holds
/// a changed file, then new ones (Vitest's onAdd). `known`: the files before the change;
/// `lastResults` loses the removed ones.
std::vector<std::string> rerunsOf(DevSession *session, const std::vector<std::string> &changed,
                                  const std::vector<std::string> &now,
                                  const std::vector<std::string> &known,
                                  std::vector<TestFileResult> &lastResults)
{
    std::vector<std::string> files;
    if (session) {
        invalidate(*session, changed);
        files = affectedTestFiles(session->worker(), changed, now, lastResults);
    } else {
        for (const std::string &f : changed) // no session yet: a changed test file itself
            if (contains(now, f))
                files.push_back(f);
    }
    for (const std::string &f : now)
        if (!contains(known, f) && !contains(files, f))
            files.push_back(f);
    std::erase_if(lastResults, [&](const TestFileResult &r) { return !contains(now, r.file); });
    return files;
}

std::vector<std::string> failedOf(const std::vector<TestFileResult> &results)
{
    std::vector<std::string> files;
    for (const TestFileResult &r : results)
        if (r.status == TestStatus::Failed)
            files.push_back(r.file);
    return files;
}

class AppTarget : public TestWatchTarget {
public:
    explicit AppTarget(TestCommand &command) : m_command(command) {}

    Files all() override { return {m_command.files}; }
    Files failed() override { return {failedOf(m_command.lastResults)}; }
    bool rerunsAll(const std::string &file) override
    {
        return changeRerunsAll(m_command.project.root, file);
    }
    Files affected(const std::vector<std::string> &changed) override
    {
        const std::vector<std::string> now =
            testFilesNow(m_command.project, m_command.options, m_command);
        std::vector<std::string> files =
            rerunsOf(m_command.session.get(), changed, now, m_command.files, m_command.lastResults);
        m_command.files = now;
        return {files};
    }
    TestRunSummary run(const Files &files, bool updateSnapshots, bool &reportsOk) override
    {
        const std::string saved = m_command.options.updateSnapshot;
        if (updateSnapshots) {
            m_command.options.updateSnapshot = "all";
            m_command.runner = std::make_unique<TestRunner>(*m_command.session, m_command.options);
        }
        const TestRunSummary summary = m_command.run(paths(files), reportsOk);
        if (updateSnapshots) {
            m_command.options.updateSnapshot = saved;
            m_command.runner = std::make_unique<TestRunner>(*m_command.session, m_command.options);
        }
        return summary;
    }

private:
    TestCommand &m_command;
};

class ProjectsTarget : public TestWatchTarget {
public:
    explicit ProjectsTarget(TestCommand &command) : m_command(command) {}

    Files all() override
    {
        Files files;
        for (const auto &run : m_command.projects)
            files.push_back(run->files);
        return files;
    }
    Files failed() override
    {
        Files files;
        for (const auto &run : m_command.projects)
            files.push_back(failedOf(run->lastResults));
        return files;
    }
    bool rerunsAll(const std::string &file) override
    {
        if (changeRerunsAll(m_command.project.root, file))
            return true;
        return std::any_of(
            m_command.projects.begin(), m_command.projects.end(),
            [&](const auto &run) { return changeRerunsAll(run->project.root, file); });
    }
    Files affected(const std::vector<std::string> &changed) override
    {
        Files files;
        for (const auto &run : m_command.projects) {
            const std::vector<std::string> now =
                testFilesNow(run->project, run->options, m_command);
            std::vector<std::string> rerun =
                rerunsOf(run->session.get(), changed, now, run->files, run->lastResults);
            run->files = now;
            files.push_back(std::move(rerun));
        }
        m_command.files.clear();
        for (const auto &run : m_command.projects)
            m_command.files.insert(m_command.files.end(), run->files.begin(), run->files.end());
        return files;
    }
    TestRunSummary run(const Files &files, bool updateSnapshots, bool &reportsOk) override
    {
        const std::string saved = m_command.options.updateSnapshot;
        auto setUpdate = [&](const std::string &mode) {
            m_command.options.updateSnapshot = mode;
            for (const auto &run : m_command.projects) {
                run->options.updateSnapshot = mode;
                if (run->session)
                    run->runner = std::make_unique<TestRunner>(*run->session, run->options);
            }
        };
        if (updateSnapshots)
            setUpdate("all");
        const TestRunSummary summary = runTestProjects(m_command, reportsOk, &files, true);
        if (updateSnapshots)
            setUpdate(saved);
        return summary;
    }

private:
    TestCommand &m_command;
};

} // namespace

std::vector<std::string> TestWatchTarget::paths(const Files &files)
{
    std::vector<std::string> out;
    for (const std::vector<std::string> &list : files)
        out.insert(out.end(), list.begin(), list.end());
    return out;
}

bool TestWatchTarget::empty(const Files &files)
{
    return std::all_of(files.begin(), files.end(), [](const auto &list) { return list.empty(); });
}

std::unique_ptr<TestWatchTarget> watchTargetFor(TestCommand &command)
{
    if (!command.projects.empty())
        return std::make_unique<ProjectsTarget>(command);
    return std::make_unique<AppTarget>(command);
}

} // namespace sy::cli

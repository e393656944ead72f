// `switchyard test --watch`: after the first run the process stays up with
// its test sessions (pre-bundles, transforms and V8's code cache stay warm;
// with test.projects one per project), watches the app (FileWatcher) and
// reruns what an edit touches, as Vitest's watch mode: the test files whose
// module graph holds the edited file (engine/testing/testWatch.h), a new test
// file, or everything after a config change (the app and its sessions are
// loaded anew). What is rerun where: testWatchTarget.h. Keys when stdin is a
// terminal: a reruns all, Enter reruns the last files, q quits.
#include "testCommand.h"
#include "testWatchTarget.h"

#include "dev/fileWatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <algorithm>
#include <csignal>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace sy::cli {

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char byte = static_cast<char>(signal);
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

/// Puts the terminal behind stdin into single-key mode (no echo, no line
/// buffering) while alive; restores it after.
class RawTerminal {
public:
    RawTerminal()
    {
        if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &m_saved) != 0)
            return;
        termios raw = m_saved;
        raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    ~RawTerminal()
    {
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
    }
    bool active() const { return m_active; }

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

int watchTests(TestCommand &command, const TestRunSummary &first)
{
    // Vitest sets process.exitCode to 1 after a failed run and never back;
    // a signal without one exits 128 + its number, q exits with it.
    bool everFailed = !first.ok();
    int signalled = 0;
    auto failedSnapshot = [&] {
        return std::any_of(command.lastResults.begin(), command.lastResults.end(),
                           [](const TestFileResult &r) { return r.snapshot.unmatched > 0; });
    };
    auto announce = [&](bool failed) {
        if (!command.consoles.empty())
            command.consoles.front()->watcherStart(failed, failedSnapshot());
    };
    announce(!first.ok());

    std::unique_ptr<TestWatchTarget> target = watchTargetFor(command);
    TestWatchTarget::Files lastRun = target->all();
    auto rerun = [&](const TestWatchTarget::Files &files, const std::string &trigger,
                     bool updateSnapshots = false) {
        if (TestWatchTarget::empty(files))
            return;
        if (!command.consoles.empty())
            command.consoles.front()->watcherRerun(TestWatchTarget::paths(files), trigger);
        bool reportsOk = true;
        const TestRunSummary summary = target->run(files, updateSnapshots, reportsOk);
        everFailed = everFailed || !summary.ok() || !reportsOk;
        lastRun = files;
        announce(!summary.ok());
    };
    // Vitest's "u": the files with a failed snapshot (or a failure) rerun with -u, once.
    auto updateSnapshots = [&] {
        const TestWatchTarget::Files failed = target->failed();
        rerun(TestWatchTarget::empty(failed) ? target->all() : failed, {}, true);
    };

    FileWatcher watcher(QString::fromStdString(command.project.root), 100);
    QObject::connect(&watcher, &FileWatcher::filesChanged, [&](const QStringList &changedList) {
        std::vector<std::string> changed;
        for (const QString &f : changedList)
            changed.push_back(f.toStdString());
        const std::string trigger = changed.empty() ? std::string() : changed.front();
        if (std::any_of(changed.begin(), changed.end(),
                        [&](const std::string &f) { return target->rerunsAll(f); })) {
            // Vitest restarts on a config change; here the app, its test
            // config and its sessions are loaded anew and every file reruns.
            std::fprintf(command.human, "\nRestarting due to config changes...\n");
            if (command.load() >= 0) {
                std::fprintf(stderr, "switchyard test: the app could not be loaded; waiting "
                                     "for the next change\n");
                return;
            }
            if (command.projects.empty())
                command.prepare(); // the projects' sessions are made by their first run
            target = watchTargetFor(command);
            rerun(target->all(), trigger);
            return;
        }
        rerun(target->affected(changed), trigger);
    });

    // SIGINT/SIGTERM end the watch through the event loop (a self-pipe).
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, [&] {
        char byte = 0;
        if (::read(g_signalPipe[0], &byte, 1) == 1)
            signalled = byte;
        QCoreApplication::quit();
    });

    RawTerminal terminal;
    std::unique_ptr<QSocketNotifier> keys;
    if (terminal.active()) {
        keys = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
        QObject::connect(keys.get(), &QSocketNotifier::activated, [&] {
            // Vitest's registerConsoleShortcuts, for the keys that apply here.
            char key = 0;
            if (::read(STDIN_FILENO, &key, 1) != 1 || key == 'q') {
                QCoreApplication::quit();
                return;
            }
            if (key == 3 /* ^C */ || key == 0x1b /* Esc */) {
                std::fputs(command.color ? "\x1b[31mCancelling test run. Press CTRL+c again to "
                                           "exit forcefully.\n\x1b[39m\n"
                                         : "Cancelling test run. Press CTRL+c again to exit "
                                           "forcefully.\n\n",
                           command.human);
                signalled = SIGINT;
                QCoreApplication::quit();
                return;
            }
            if (key == 'h' && !command.consoles.empty())
                command.consoles.front()->printShortcutsHelp();
            else if (key == 'a' || key == '\n' || key == '\r')
                rerun(target->all(), "rerun all tests");
            else if (key == 'r')
                rerun(lastRun, {});
            else if (key == 'f')
                rerun(target->failed(), {});
            else if (key == 'u')
                updateSnapshots();
        });
    }
    QCoreApplication::exec();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (everFailed)
        return 1;
    return signalled ? 128 + signalled : 0;
}

} // namespace sy::cli

#include "testing/reporterText.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <regex>
#include <sys/ioctl.h>
#include <unistd.h>

namespace sy::reporterText {

std::string Paint::operator()(const char *code, const std::string &text) const
{
    if (!enabled)
        return text;
    // tinyrainbow closes each style with its own reset code.
    const std::string c = code;
    const char *close = c == "1"                       ? "22"
                        : c == "2"                     ? "22"
                        : c.size() == 2 && c[0] == '4' ? "49"
                                                       : "39";
    return "\x1b[" + c + "m" + text + "\x1b[" + close + "m";
}

std::string formatTime(double ms)
{
    char buf[32];
    if (ms > 1000)
        std::snprintf(buf, sizeof buf, "%.2fs", ms / 1000);
    else
        std::snprintf(buf, sizeof buf, "%.0fms", std::max(0.0, ms));
    return buf;
}

std::string timeOfDay()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", &local);
    return buf;
}

int terminalColumns(std::FILE *file)
{
    winsize size{};
    if (file && ::isatty(::fileno(file)) && ::ioctl(::fileno(file), TIOCGWINSZ, &size) == 0 &&
        size.ws_col > 0)
        return size.ws_col;
    return 30;
}

namespace {

/// Characters on screen (UTF-8 code points, ANSI sequences excluded).
int visibleLength(const std::string &text)
{
    int n = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x1b') {
            while (i < text.size() && text[i] != 'm')
                ++i;
            continue;
        }
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

std::string repeat(const std::string &s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

} // namespace

std::string divider(const std::string &text, int columns, const Paint &paint)
{
    static const std::string dash = "⎯";
    if (text.empty())
        return repeat(dash, columns);
    const int length = visibleLength(text);
    const int left = std::max(0, (columns - length) / 2);
    const int right = std::max(0, columns - length - left);
    return paint.red(repeat(dash, left)) + text + paint.red(repeat(dash, right));
}

std::string withLabel(const Paint &paint, const char *bgCode, const char *fgCode,
                      const std::string &label, const std::string &message)
{
    const std::string badge = paint.bold(paint("30", paint(bgCode, " " + label + " ")));
    return badge + " " + (message.empty() ? std::string() : paint(fgCode, message));
}

std::string summaryTitle(const Paint &paint, const std::string &title)
{
    std::string padded = title;
    if (padded.size() < 11)
        padded.insert(0, 11 - padded.size(), ' ');
    return paint.dim(padded + " ");
}

std::string stateString(const Paint &paint, const Counts &c, const char *noun)
{
    if (c.total == 0)
        return paint.dim(std::string("no ") + noun);
    std::vector<std::string> parts;
    if (c.failed)
        parts.push_back(paint.bold(paint.red(std::to_string(c.failed) + " failed")));
    if (c.passed)
        parts.push_back(paint.bold(paint.green(std::to_string(c.passed) + " passed")));
    if (c.skipped)
        parts.push_back(paint.yellow(std::to_string(c.skipped) + " skipped"));
    if (c.todo)
        parts.push_back(paint.gray(std::to_string(c.todo) + " todo"));
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? paint.dim(" | ") : std::string()) + parts[i];
    return out + paint.gray(" (" + std::to_string(c.total) + ")");
}

std::string stateSymbol(const Paint &paint, const TestCaseResult &c)
{
    switch (c.status) {
    case TestStatus::Todo:
        return paint.dim(paint.gray("□"));
    case TestStatus::Skipped:
        return paint.dim(paint.gray("↓"));
    case TestStatus::Passed:
        return paint.green("✓");
    case TestStatus::Failed:
        return c.isSuite ? paint.red("❯") : paint.red("×");
    case TestStatus::Running:
        return c.isSuite ? paint.yellow("❯") : paint.gray("·");
    case TestStatus::Pending:
        return paint.gray("·");
    }
    return " ";
}

std::vector<std::string> ancestorTitles(const TestFileResult &file, const TestCaseResult &c)
{
    std::vector<std::string> out;
    std::string parent = c.parentId;
    while (!parent.empty()) {
        const auto it = std::find_if(file.cases.begin(), file.cases.end(),
                                     [&](const TestCaseResult &s) { return s.id == parent; });
        if (it == file.cases.end())
            break;
        out.insert(out.begin(), it->name);
        parent = it->parentId;
    }
    return out;
}

int depthOf(const TestFileResult &file, const TestCaseResult &c)
{
    return static_cast<int>(ancestorTitles(file, c).size()) + 1;
}

std::string namePath(const TestFileResult &file, const TestCaseResult &c)
{
    std::string out;
    for (const std::string &a : ancestorTitles(file, c))
        out += a + " > ";
    return out + c.name;
}

std::vector<StackFrame> parseStack(const std::string &stack)
{
    static const std::regex withMethod(R"(^\s+at (?:async )?(.*?) \((.*):(\d+):(\d+)\)\s*$)");
    static const std::regex bare(R"(^\s+at (?:async )?(.*):(\d+):(\d+)\s*$)");
    std::vector<StackFrame> frames;
    size_t start = 0;
    while (start < stack.size()) {
        size_t nl = stack.find('\n', start);
        if (nl == std::string::npos)
            nl = stack.size();
        const std::string line = stack.substr(start, nl - start);
        start = nl + 1;
        std::smatch m;
        if (std::regex_match(line, m, withMethod))
            frames.push_back(
                {m[1].str(), m[2].str(), std::stoi(m[3].str()), std::stoi(m[4].str())});
        else if (std::regex_match(line, m, bare))
            frames.push_back({{}, m[1].str(), std::stoi(m[2].str()), std::stoi(m[3].str())});
    }
    for (StackFrame &f : frames)
        if (f.file.rfind("file://", 0) == 0)
            f.file = f.file.substr(7);
    return frames;
}

std::string errorText(const TestError &e, const std::string &root, const Paint &paint)
{
    const std::string name = e.name.empty() ? std::string("Error") : e.name;
    std::string out = paint.red(paint.bold(name) + ": " + e.message) + "\n";
    if (!e.diff.empty())
        out += "\n" + e.diff + "\n\n";
    else if (!e.expected.empty() || !e.actual.empty())
        out += "\n- Expected: " + e.expected + "\n+ Received: " + e.actual + "\n\n";
    const std::vector<StackFrame> frames = parseStack(e.stack);
    const std::string prefix = root.empty() ? std::string() : root + "/";
    bool highlighted = false;
    for (const StackFrame &f : frames) {
        std::string path = f.file;
        const bool inApp = !prefix.empty() && path.rfind(prefix, 0) == 0 &&
                           path.find("/node_modules/") == std::string::npos;
        if (!prefix.empty() && path.rfind(prefix, 0) == 0)
            path = path.substr(prefix.size());
        const std::string where =
            (f.method.empty() ? std::string() : f.method + " ") + path + ":" +
            paint.dim(std::to_string(f.line) + ":" + std::to_string(f.column));
        const bool highlight = inApp && !highlighted;
        highlighted = highlighted || highlight;
        out += (highlight ? paint.cyan(" " + paint.dim("❯") + " " + where)
                          : paint.gray(" " + paint.dim("❯") + " " + where)) +
               "\n";
    }
    if (!frames.empty())
        out += "\n";
    return out;
}

std::string stackOrMessage(const TestError &e)
{
    if (!e.stack.empty())
        return e.stack;
    return e.message;
}

} // namespace sy::reporterText

#include "hmr/codeFrame.h"

#include <algorithm>
#include <vector>

namespace sy {

namespace {

constexpr int kTabStop = 4;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6"; // U+2026, one column

/// The lines of `source`, split at \n, \r\n and \r.
std::vector<std::string_view> splitLines(std::string_view source)
{
    std::vector<std::string_view> lines;
    size_t start = 0;
    for (size_t i = 0; i < source.size(); ++i) {
        if (source[i] != '\n' && source[i] != '\r')
            continue;
        lines.push_back(source.substr(start, i - start));
        if (source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n')
            ++i;
        start = i + 1;
    }
    lines.push_back(source.substr(start));
    return lines;
}

/// Length of the UTF-8 sequence starting with `lead`, or 1 for an invalid lead byte.
size_t sequenceLength(unsigned char lead)
{
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    if (lead >= 0xE0)
        return lead <= 0xEF ? 3 : 1;
    if (lead >= 0xC2)
        return 2;
    return 1;
}

/// One line laid out in display cells (one cell per column), and where each code point starts.
struct LaidOutLine {
    std::vector<std::string_view> cells;
    std::vector<int> codePointCell; ///< cell index of code point i (0-based)
};

LaidOutLine layOut(std::string_view text)
{
    static constexpr std::string_view kSpace = " ";
    LaidOutLine out;
    size_t i = 0;
    while (i < text.size()) {
        out.codePointCell.push_back(int(out.cells.size()));
        if (text[i] == '\t') {
            do
                out.cells.push_back(kSpace);
            while (out.cells.size() % kTabStop != 0);
            ++i;
            continue;
        }
        size_t n = sequenceLength(static_cast<unsigned char>(text[i]));
        bool valid = i + n <= text.size();
        for (size_t k = 1; valid && k < n; ++k)
            valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (!valid)
            n = 1;
        out.cells.push_back(text.substr(i, n));
        i += n;
    }
    return out;
}

/// Cell index of the caret for 1-based `column` (clamped to just after the line's end).
int caretCell(const LaidOutLine &line, int column)
{
    size_t index = size_t(column - 1);
    if (index < line.codePointCell.size())
        return line.codePointCell[index];
    return int(line.cells.size());
}

} // namespace

std::string codeFrame(std::string_view source, int line, int column, int contextLines, int maxWidth)
{
    if (line < 1)
        return {};
    contextLines = std::max(contextLines, 0);
    maxWidth = std::max(maxWidth, 8);
    const std::vector<std::string_view> lines = splitLines(source);
    const int lineCount = int(lines.size());
    if (line > lineCount) {
        line = lineCount;
        column = int(layOut(lines.back()).codePointCell.size()) + 1;
    }

    const int first = std::max(1, line - contextLines);
    const int last = std::min(lineCount, line + contextLines);
    std::vector<LaidOutLine> shown;
    for (int n = first; n <= last; ++n)
        shown.push_back(layOut(lines[size_t(n - 1)]));
    const LaidOutLine &errorLine = shown[size_t(line - first)];
    const bool hasCaret = column > 0;
    const int caret = hasCaret ? caretCell(errorLine, column) : 0;

    // One window for every line keeps them aligned; it only moves when something is too wide.
    int widest = 0;
    for (const LaidOutLine &l : shown)
        widest = std::max(widest, int(l.cells.size()));
    int windowStart = 0;
    if (widest > maxWidth) {
        const int errorWidth = int(errorLine.cells.size());
        windowStart = std::clamp(caret - maxWidth / 2, 0, std::max(0, errorWidth - maxWidth));
    }
    const int windowEnd = windowStart + maxWidth;

    const int numberWidth = int(std::to_string(last).size());
    std::string out;
    for (int n = first; n <= last; ++n) {
        const LaidOutLine &l = shown[size_t(n - first)];
        std::string text;
        if (windowStart > 0)
            text += int(l.cells.size()) > 0 ? kEllipsis : std::string_view(" ");
        const int end = std::min(int(l.cells.size()), windowEnd);
        for (int c = windowStart; c < end; ++c)
            text += l.cells[size_t(c)];
        if (int(l.cells.size()) > windowEnd)
            text += kEllipsis;
        if (text.find_first_not_of(' ') == std::string::npos)
            text.clear();

        std::string number = std::to_string(n);
        if (!out.empty())
            out += '\n';
        out += n == line ? '>' : ' ';
        out += ' ';
        out.append(size_t(numberWidth) - number.size(), ' ');
        out += number;
        out += " |";
        if (!text.empty()) {
            out += ' ';
            out += text;
        }
        if (n == line && hasCaret) {
            out += "\n  ";
            out.append(size_t(numberWidth), ' ');
            out += " | ";
            out.append(size_t((windowStart > 0 ? 1 : 0) + caret - windowStart), ' ');
            out += '^';
        }
    }
    return out;
}

} // namespace sy

#include "env/dotenv.h"

#include <set>

namespace sy {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool isKeyChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

void setVar(EnvList &list, const std::string &key, std::string value)
{
    for (auto &[k, v] : list)
        if (k == key) {
            v = std::move(value);
            return;
        }
    list.emplace_back(key, std::move(value));
}

const std::string *findVar(const EnvList &list, const std::string &key)
{
    for (const auto &[k, v] : list)
        if (k == key)
            return &v;
    return nullptr;
}

/// dotenv's line pattern, matched by hand (its regex, multiline and global):
///   ^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)
///   (\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?
///   \s*(?:#.*)?$
/// The regex backtracks through lazy separators, quote candidates and the
/// trailing part; the candidates are tried here in the same order.
class DotenvLine {
public:
    explicit DotenvLine(const std::string &text) : t(text), n(text.size()) {}

    /// Matches at line start `p`: key, raw value (group 2, empty if absent)
    /// and the end of the match. False when no assignment starts here.
    bool match(size_t p, std::string &key, std::string &value, size_t &end) const
    {
        size_t i = p;
        while (i < n && isSpace(t[i]))
            ++i;
        // With "export " first, then without.
        if (t.compare(i, 6, "export") == 0 && i + 6 < n && isSpace(t[i + 6])) {
            size_t k = i + 6;
            while (k < n && isSpace(t[k]))
                ++k;
            if (matchKey(k, key, value, end))
                return true;
        }
        return matchKey(i, key, value, end);
    }

private:
    bool matchKey(size_t i, std::string &key, std::string &value, size_t &end) const
    {
        size_t k = i;
        while (k < n && isKeyChar(t[k]))
            ++k;
        if (k == i)
            return false;
        key = t.substr(i, k - i);
        // Separator `\s*=\s*?` or `:\s+?` (lazy: the fewest spaces first).
        size_t s = k;
        while (s < n && isSpace(t[s]))
            ++s;
        size_t v;
        if (s < n && t[s] == '=') {
            v = s + 1;
        } else if (k < n && t[k] == ':' && k + 1 < n && isSpace(t[k + 1])) {
            v = k + 2;
        } else {
            return false;
        }
        for (size_t lazy = v;; ++lazy) {
            if (matchValue(lazy, value, end))
                return true;
            if (lazy >= n || !isSpace(t[lazy]))
                return false;
        }
    }

    /// `\s*(?:#.*)?$` from `i`: the end of the match, or npos.
    size_t tail(size_t i) const
    {
        size_t run = i;
        while (run < n && isSpace(t[run]))
            ++run;
        if (run == n)
            return n;
        if (t[run] == '#') {
            size_t eol = t.find('\n', run);
            return eol == std::string::npos ? n : eol;
        }
        // Back off to the last line break inside the run: `$` matches before it.
        for (size_t k = run; k > i; --k)
            if (t[k - 1] == '\n')
                return k - 1;
        return std::string::npos;
    }

    bool matchValue(size_t v, std::string &value, size_t &end) const
    {
        // Quoted: \s* then the quote, closing candidates in backtracking order.
        size_t q = v;
        while (q < n && isSpace(t[q]))
            ++q;
        if (q < n && (t[q] == '\'' || t[q] == '"' || t[q] == '`')) {
            const char quote = t[q];
            std::vector<size_t> escaped; // quotes preceded by a backslash
            size_t first = std::string::npos;
            for (size_t k = q + 1; k < n; ++k) {
                if (t[k] != quote)
                    continue;
                if (t[k - 1] == '\\' && k - 1 > q) {
                    escaped.push_back(k);
                    continue;
                }
                first = k;
                break;
            }
            std::vector<size_t> closers;
            if (first != std::string::npos)
                closers.push_back(first);
            closers.insert(closers.end(), escaped.rbegin(), escaped.rend());
            for (size_t close : closers) {
                const size_t e = tail(close + 1);
                if (e != std::string::npos) {
                    value = t.substr(v, close + 1 - v);
                    end = e;
                    return true;
                }
            }
        }
        // Unquoted: [^#\r\n]+ (greedy; its longest run always fits the tail).
        size_t u = v;
        while (u < n && t[u] != '#' && t[u] != '\n' && t[u] != '\r')
            ++u;
        if (u > v) {
            for (size_t e = u; e > v; --e) {
                const size_t te = tail(e);
                if (te != std::string::npos) {
                    value = t.substr(v, e - v);
                    end = te;
                    return true;
                }
            }
        }
        // No value.
        const size_t te = tail(v);
        if (te != std::string::npos) {
            value.clear();
            end = te;
            return true;
        }
        return false;
    }

    const std::string &t;
    size_t n;
};

std::string trim(const std::string &s)
{
    size_t a = 0, b = s.size();
    while (a < b && isSpace(s[a]))
        ++a;
    while (b > a && isSpace(s[b - 1]))
        --b;
    return s.substr(a, b - a);
}

std::string replaceAll(std::string s, const std::string &from, const std::string &to)
{
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

/// JavaScript's String.prototype.replace(string, string): the first
/// occurrence, with the replacement's $$, $&, $` and $' patterns.
std::string jsReplaceFirst(const std::string &s, const std::string &pattern,
                           const std::string &replacement)
{
    const size_t at = s.find(pattern);
    if (at == std::string::npos)
        return s;
    std::string sub;
    for (size_t i = 0; i < replacement.size(); ++i) {
        const char c = replacement[i];
        if (c == '$' && i + 1 < replacement.size()) {
            const char next = replacement[i + 1];
            if (next == '$') {
                sub += '$';
                ++i;
                continue;
            }
            if (next == '&') {
                sub += pattern;
                ++i;
                continue;
            }
            if (next == '`') {
                sub += s.substr(0, at);
                ++i;
                continue;
            }
            if (next == '\'') {
                sub += s.substr(at + pattern.size());
                ++i;
                continue;
            }
        }
        sub += c;
    }
    return s.substr(0, at) + sub + s.substr(at + pattern.size());
}

/// JavaScript's split(separator) then join(separator) helpers for expand().
std::vector<std::string> jsSplit(const std::string &s, const std::string &sep)
{
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, start)) {
        out.push_back(s.substr(start, at - start));
        start = at + sep.size();
    }
    out.push_back(s.substr(start));
    return out;
}

/// The first `${...}` or `$NAME` not preceded by a backslash: template and
/// expression.
bool nextReference(const std::string &s, std::string &templ, std::string &expression)
{
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '$' || (i > 0 && s[i - 1] == '\\'))
            continue;
        if (i + 1 < s.size() && s[i + 1] == '{') {
            size_t k = i + 2;
            while (k < s.size() && s[k] != '{' && s[k] != '}')
                ++k;
            if (k < s.size() && s[k] == '}' && k > i + 2) {
                templ = s.substr(i, k + 1 - i);
                expression = s.substr(i + 2, k - i - 2);
                return true;
            }
        }
        auto head = [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        };
        if (i + 1 < s.size() && head(s[i + 1])) {
            size_t k = i + 2;
            while (k < s.size() && (head(s[k]) || (s[k] >= '0' && s[k] <= '9')))
                ++k;
            templ = s.substr(i, k - i);
            expression = s.substr(i + 1, k - i - 1);
            return true;
        }
    }
    return false;
}

std::string expandValue(const std::string &value, const std::map<std::string, std::string> &env,
                        const EnvList &running)
{
    std::string result = value;
    std::set<std::string> seen;
    std::string templ, expression;
    for (int guard = 0; guard < 10000 && nextReference(result, templ, expression); ++guard) {
        seen.insert(result);
        // The first of ":+", "+", ":-", "-" (at the leftmost position).
        std::string splitter = "null"; // JavaScript's split(null) splits on "null"
        bool hasSplitter = false;
        for (size_t i = 0; i < expression.size() && !hasSplitter; ++i) {
            for (const char *op : {":+", "+", ":-", "-"}) {
                if (expression.compare(i, std::char_traits<char>::length(op), op) == 0) {
                    splitter = op;
                    hasSplitter = true;
                    break;
                }
            }
        }
        std::vector<std::string> parts = jsSplit(expression, splitter);
        const std::string key = parts.front();
        parts.erase(parts.begin());
        std::string rest;
        for (size_t i = 0; i < parts.size(); ++i)
            rest += (i ? splitter : std::string()) + parts[i];
        auto it = env.find(key);
        const std::string found = it == env.end() ? std::string() : it->second;
        std::string defaultValue;
        std::string resolved;
        if (hasSplitter && (splitter == ":+" || splitter == "+")) {
            defaultValue = found.empty() ? std::string() : rest;
        } else {
            defaultValue = rest;
            resolved = found;
        }
        if (!resolved.empty())
            result = jsReplaceFirst(result, templ, seen.count(resolved) ? defaultValue : resolved);
        else
            result = jsReplaceFirst(result, templ, defaultValue);
        if (const std::string *own = findVar(running, key); own && result == *own)
            break;
    }
    return result;
}

} // namespace

EnvList parseDotenv(std::string_view input)
{
    // Line breaks normalized as dotenv does (\r\n and \r become \n).
    std::string text;
    text.reserve(input.size());
    for (size_t i = 0; i < input.size(); ++i) {
        if (input[i] == '\r') {
            text += '\n';
            if (i + 1 < input.size() && input[i + 1] == '\n')
                ++i;
        } else {
            text += input[i];
        }
    }
    EnvList out;
    const DotenvLine line(text);
    size_t pos = 0;
    while (pos <= text.size()) {
        // The next line start at or after pos (`^` of a multiline regex).
        if (pos > 0 && text[pos - 1] != '\n') {
            const size_t nl = text.find('\n', pos);
            if (nl == std::string::npos)
                break;
            pos = nl + 1;
        }
        std::string key, raw;
        size_t end = 0;
        if (line.match(pos, key, raw, end)) {
            std::string value = trim(raw);
            const char quote = value.empty() ? 0 : value[0];
            if (value.size() >= 2 && (quote == '\'' || quote == '"' || quote == '`') &&
                value.back() == quote)
                value = value.substr(1, value.size() - 2);
            if (quote == '"') {
                value = replaceAll(value, "\\n", "\n");
                value = replaceAll(value, "\\r", "\r");
            }
            setVar(out, key, std::move(value));
            pos = end > pos ? end : pos + 1;
        } else {
            const size_t nl = text.find('\n', pos);
            if (nl == std::string::npos)
                break;
            pos = nl + 1;
        }
    }
    return out;
}

void expandDotenv(EnvList &parsed, const std::map<std::string, std::string> &processEnv)
{
    for (size_t i = 0; i < parsed.size(); ++i) {
        const std::string key = parsed[i].first;
        std::string value = parsed[i].second;
        auto fromProcess = processEnv.find(key);
        if (fromProcess != processEnv.end() && !fromProcess->second.empty() &&
            fromProcess->second != value) {
            value = fromProcess->second;
        } else {
            std::map<std::string, std::string> env;
            for (const auto &[k, v] : parsed)
                env[k] = v;
            for (const auto &[k, v] : processEnv)
                env[k] = v;
            value = expandValue(value, env, parsed);
        }
        parsed[i].second = replaceAll(value, "\\$", "$");
    }
}

} // namespace sy

#include "env/viteDefine.h"

#include "lex/jsTokenizer.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <string_view>

namespace sy {
namespace {

struct Key {
    std::vector<std::string> segments; ///< "process.env.API" -> process, env, API
    std::string value;
    /// An object or array literal: references read one shared variable of this name, declared
    /// at the top of the module (esbuild's define does so: `X === X` holds).
    std::string shared;
    bool used = false;
};

/// A value that makes a new object each time it is evaluated: `{...}` or `[...]`.
bool isObjectLiteral(const std::string &value)
{
    const size_t first = value.find_first_not_of(" \t\r\n");
    return first != std::string::npos && (value[first] == '{' || value[first] == '[');
}

/// `define_<key>` with every character an identifier cannot hold as `_`.
std::string sharedName(const std::string &key)
{
    std::string name = "__switchyard_define_";
    for (const char c : key)
        name += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ? c : '_';
    return name;
}

std::vector<std::string> splitDots(const std::string &key)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t dot = key.find('.', start);
        out.push_back(
            key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            return out;
        start = dot + 1;
    }
}

bool isSimpleExpression(const std::string &value)
{
    static const std::regex simple(
        R"(^\s*(-?[0-9][0-9a-zA-Z_.]*|[A-Za-z_$][\w$.]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*$)");
    return std::regex_match(value, simple);
}

} // namespace

std::string applyDefines(const DefineList &defines, std::string code)
{
    std::vector<Key> keys;
    for (const auto &[key, value] : defines) {
        if (key.rfind("import.meta.env.", 0) == 0 || key.empty())
            continue;
        // Cheap test first: most modules mention no key at all.
        const std::string first = key.substr(0, key.find('.'));
        if (code.find(first) == std::string::npos)
            continue;
        Key k{splitDots(key), isSimpleExpression(value) ? value : "(" + value + ")", {}};
        if (isObjectLiteral(value)) {
            k.shared = sharedName(key);
            k.value = k.shared;
        }
        keys.push_back(std::move(k));
    }
    if (keys.empty())
        return code;
    std::stable_sort(keys.begin(), keys.end(), [](const Key &a, const Key &b) {
        return a.segments.size() > b.segments.size();
    });

    std::vector<Token> tokens;
    JsTokenizer tz(code);
    while (true) {
        Token t = tz.next();
        if (t.kind == TokenKind::Error)
            return code;
        if (t.kind == TokenKind::End)
            break;
        tokens.push_back(t);
    }
    auto textOf = [&](const Token &t) {
        return std::string_view(code).substr(size_t(t.start), size_t(t.end - t.start));
    };
    auto isPunct = [&](size_t i, char c) { return i < tokens.size() && tokens[i].is(c); };
    auto isWord = [&](size_t i, std::initializer_list<std::string_view> words) {
        if (i >= tokens.size() || tokens[i].kind != TokenKind::Identifier)
            return false;
        return std::find(words.begin(), words.end(), textOf(tokens[i])) != words.end();
    };

    struct Replacement {
        int64_t start, end;
        std::string text;
    };
    std::vector<Replacement> replacements;
    // Open brackets: their character and the token index before them.
    struct Open {
        char kind;
        size_t before;
    };
    std::vector<Open> open;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if (t.kind == TokenKind::Punctuator) {
            if (t.punct == '(' || t.punct == '[' || t.punct == '{')
                open.push_back({t.punct, i == 0 ? size_t(-1) : i - 1});
            else if ((t.punct == ')' || t.punct == ']' || t.punct == '}') && !open.empty())
                open.pop_back();
            continue;
        }
        if (t.kind == TokenKind::TemplateHead) {
            open.push_back({'$', size_t(-1)});
            continue;
        }
        if (t.kind == TokenKind::Template && code[size_t(t.start)] == '}' && !open.empty()) {
            open.pop_back(); // the tail of a template with substitutions
            continue;
        }
        if (t.kind != TokenKind::Identifier || t.afterDot)
            continue;
        for (Key &key : keys) {
            // The chain: name (. name)*
            size_t j = i;
            bool match = true;
            for (size_t s = 0; s < key.segments.size(); ++s) {
                if (s > 0) {
                    if (!isPunct(j, '.')) {
                        match = false;
                        break;
                    }
                    ++j;
                }
                if (j >= tokens.size() || tokens[j].kind != TokenKind::Identifier ||
                    textOf(tokens[j]) != key.segments[s]) {
                    match = false;
                    break;
                }
                ++j;
            }
            if (!match)
                continue;
            const size_t next = j; // token after the chain
            const size_t prev = i == 0 ? size_t(-1) : i - 1;
            const bool prevIsListStart =
                prev == size_t(-1) || isPunct(prev, '{') || isPunct(prev, ',');
            const bool inBraces = !open.empty() && open.back().kind == '{';
            // Declarations, import/export names, assignment targets, keys.
            if (prev != size_t(-1) && isWord(prev, {"var", "let", "const", "function", "class",
                                                    "import", "export", "as"}))
                break;
            if (isWord(next, {"as"}))
                break;
            // `KEY = x` assigns and `KEY => x` declares; `KEY == x` reads.
            if (isPunct(next, '=') && !(next + 1 < tokens.size() && tokens[next + 1].is('=') &&
                                        tokens[next + 1].start == tokens[next].end))
                break;
            if (inBraces && prevIsListStart && isPunct(next, ':'))
                break;
            const bool shorthand = key.segments.size() == 1 && inBraces && prevIsListStart &&
                                   (isPunct(next, '}') || isPunct(next, ','));
            if (shorthand) {
                const size_t before = open.back().before;
                if (before != size_t(-1) &&
                    isWord(before, {"import", "export", "const", "let", "var"}))
                    break;
                replacements.push_back({t.end, t.end, ": " + key.value});
            } else {
                replacements.push_back({t.start, tokens[next - 1].end, key.value});
            }
            key.used = true;
            i = next - 1;
            break;
        }
    }
    for (auto it = replacements.rbegin(); it != replacements.rend(); ++it) {
        // Keep the line breaks of the replaced range (a chain split over lines).
        const std::string_view range =
            std::string_view(code).substr(size_t(it->start), size_t(it->end - it->start));
        std::string text = it->text;
        text.append(size_t(std::count(range.begin(), range.end(), '\n')), '\n');
        code.replace(size_t(it->start), range.size(), text);
    }
    // The shared literals, on the first line (after a hashbang), so no line moves.
    std::string declarations;
    for (const auto &[key, value] : defines)
        for (const Key &k : keys)
            if (k.used && !k.shared.empty() && k.shared == sharedName(key) &&
                declarations.find("var " + k.shared + " ") == std::string::npos) {
                std::string literal = value;
                std::replace(literal.begin(), literal.end(), '\n', ' ');
                declarations += "var " + k.shared + " = " + literal + ";";
            }
    if (!declarations.empty()) {
        size_t at = 0;
        if (code.rfind("#!", 0) == 0) {
            const size_t newline = code.find('\n');
            if (newline == std::string::npos)
                code += '\n';
            at = newline == std::string::npos ? code.size() : newline + 1;
        }
        code.insert(at, declarations);
    }
    return code;
}

} // namespace sy

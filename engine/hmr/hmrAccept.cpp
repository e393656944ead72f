#include "hmr/hmrAccept.h"

#include <cctype>
#include <optional>

namespace sy {

namespace {

/// A forward reader over the source from one position.
struct Cursor {
    std::string_view src;
    size_t pos;

    bool atEnd() const { return pos >= src.size(); }
    char peek() const { return atEnd() ? '\0' : src[pos]; }

    /// Skips whitespace, line and block comments.
    void skipTrivia()
    {
        while (!atEnd()) {
            const char c = src[pos];
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++pos;
            } else if (src.substr(pos, 2) == "//") {
                const size_t nl = src.find('\n', pos);
                pos = nl == std::string_view::npos ? src.size() : nl + 1;
            } else if (src.substr(pos, 2) == "/*") {
                const size_t close = src.find("*/", pos + 2);
                pos = close == std::string_view::npos ? src.size() : close + 2;
            } else {
                return;
            }
        }
    }

    /// After trivia: `.name` or `?.name` not followed by an identifier character.
    bool member(std::string_view name)
    {
        const size_t start = pos;
        skipTrivia();
        if (peek() == '?')
            ++pos;
        if (peek() != '.') {
            pos = start;
            return false;
        }
        ++pos;
        skipTrivia();
        if (src.substr(pos, name.size()) != name || isIdentChar(pos + name.size())) {
            pos = start;
            return false;
        }
        pos += name.size();
        return true;
    }

    bool isIdentChar(size_t at) const
    {
        if (at >= src.size())
            return false;
        const unsigned char c = static_cast<unsigned char>(src[at]);
        return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80;
    }

    /// A string literal ('', "", or a template without substitutions) at pos; nullopt (pos
    /// unchanged) otherwise.
    std::optional<HmrAcceptedDep> stringLiteral()
    {
        const char quote = peek();
        if (quote != '"' && quote != '\'' && quote != '`')
            return std::nullopt;
        HmrAcceptedDep dep;
        dep.s = int64_t(pos);
        size_t i = pos + 1;
        while (i < src.size() && src[i] != quote) {
            char c = src[i];
            if (quote == '`' && c == '$' && i + 1 < src.size() && src[i + 1] == '{')
                return std::nullopt;
            if (quote != '`' && (c == '\n' || c == '\r'))
                return std::nullopt;
            if (c == '\\' && i + 1 < src.size()) {
                c = src[++i];
                switch (c) {
                case 'n':
                    c = '\n';
                    break;
                case 't':
                    c = '\t';
                    break;
                case 'r':
                    c = '\r';
                    break;
                default:
                    break;
                }
            }
            dep.specifier += c;
            ++i;
        }
        if (i >= src.size())
            return std::nullopt;
        pos = i + 1;
        dep.e = int64_t(pos);
        return dep;
    }
};

/// Reads the arguments of one `accept(` call (pos just after the parenthesis).
void readAcceptArguments(Cursor &c, HmrAcceptInfo &info)
{
    c.skipTrivia();
    if (auto dep = c.stringLiteral()) {
        info.acceptedDeps.push_back(std::move(*dep));
        return;
    }
    if (c.peek() != '[') {
        info.isSelfAccepting = true;
        return;
    }
    ++c.pos;
    for (;;) {
        c.skipTrivia();
        if (c.peek() == ']')
            return;
        auto dep = c.stringLiteral();
        if (!dep) {
            if (info.error.empty())
                info.error = "invalid import.meta.hot.accept() usage at byte " +
                             std::to_string(c.pos) + ": dependencies must be string literals";
            return;
        }
        info.acceptedDeps.push_back(std::move(*dep));
        c.skipTrivia();
        if (c.peek() == ',')
            ++c.pos;
        else if (c.peek() != ']') {
            if (info.error.empty())
                info.error = "invalid import.meta.hot.accept() usage at byte " +
                             std::to_string(c.pos) + ": expected ',' or ']'";
            return;
        }
    }
}

} // namespace

HmrAcceptInfo acceptedHmrDepsOf(std::string_view source, const std::vector<ImportSpan> &imports)
{
    HmrAcceptInfo info;
    for (const ImportSpan &span : imports) {
        if (span.kind != ImportKind::ImportMeta || span.e < 0 || size_t(span.e) > source.size())
            continue;
        Cursor c{source, size_t(span.e)};
        if (!c.member("hot"))
            continue;
        info.usesHot = true;
        if (!c.member("accept"))
            continue;
        c.skipTrivia();
        if (c.peek() != '(')
            continue;
        ++c.pos;
        readAcceptArguments(c, info);
    }
    return info;
}

} // namespace sy

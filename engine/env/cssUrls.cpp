#include "env/cssUrls.h"

#include "env/cssTokens.h"

#include <algorithm>
#include <vector>

namespace sy {
namespace {

using namespace csstok;

// References url() rewriting leaves alone: data:, any scheme:, //, #.
bool keepReference(const std::string &value)
{
    if (value.empty() || value[0] == '#' || value.rfind("//", 0) == 0)
        return true;
    size_t i = 0;
    if (!std::isalpha(static_cast<unsigned char>(value[0])))
        return false;
    while (i < value.size() && (std::isalnum(static_cast<unsigned char>(value[i])) ||
                                value[i] == '+' || value[i] == '-' || value[i] == '.'))
        ++i;
    return i < value.size() && value[i] == ':' && i > 1; // "c:" would be a drive, not here
}

std::string quoted(const std::string &v, char q)
{
    std::string out(1, q);
    for (char c : v) {
        if (c == q || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\a ";
            continue;
        }
        out += c;
    }
    return out + q;
}

bool needsQuotes(const std::string &v)
{
    return std::any_of(v.begin(), v.end(), [](char c) {
        return isSpace(c) || c == '"' || c == '\'' || c == '(' || c == ')' || c == '\\';
    });
}

// Rewrites one url( ... ) starting at `i` (at "url"); appends to out, returns
// the index after its ')'. Unparsable: copies "url(" and returns after it.
size_t rewriteUrlToken(const std::string &s, size_t i, std::string &out, const std::string &file,
                       const CssRewriteUrlFn &rewrite)
{
    const size_t open = i + 3; // '('
    size_t j = open + 1;
    while (j < s.size() && isSpace(s[j]))
        ++j;
    std::string value;
    char quote = 0;
    size_t close;
    if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        quote = s[j];
        size_t end = skipString(s, j);
        value = stringValue(s, j, end);
        close = end;
        while (close < s.size() && isSpace(s[close]))
            ++close;
        if (close >= s.size() || s[close] != ')') {
            out.append(s, i, open + 1 - i);
            return open + 1;
        }
    } else {
        if (s.find('(', j) < s.find(')', j)) { // url(var(--x)): nothing to rebase
            close = matchParen(s, open);
            if (close == std::string::npos) {
                out.append(s, i, open + 1 - i);
                return open + 1;
            }
            out.append(s, i, close + 1 - i);
            return close + 1;
        }
        close = j;
        while (close < s.size() && s[close] != ')') {
            if (s[close] == '\\')
                ++close;
            ++close;
        }
        if (close >= s.size()) {
            out.append(s, i, open + 1 - i);
            return open + 1;
        }
        value = trim(s.substr(j, close - j));
    }
    if (keepReference(value) || !rewrite) {
        out.append(s, i, close + 1 - i);
        return close + 1;
    }
    const std::string replaced = rewrite(value, file);
    out.append(s, i, 4); // keeps the author's spelling of "url("
    if (quote)
        out += quoted(replaced, quote);
    else
        out += needsQuotes(replaced) ? quoted(replaced, '"') : replaced;
    out += ')';
    return close + 1;
}

} // namespace

std::string rewriteCssUrls(const std::string &s, const std::string &file,
                           const CssRewriteUrlFn &rewrite)
{
    std::string out;
    out.reserve(s.size());
    int imageSetDepth = 0; // > 0: inside image-set( ... ), whose strings are urls
    int parenDepth = 0;
    std::vector<int> imageSetAt; // paren depths where image-set( opened
    for (size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            size_t end = skipComment(s, i);
            out.append(s, i, end - i);
            i = end;
        } else if (c == '"' || c == '\'') {
            size_t end = skipString(s, i);
            if (imageSetDepth > 0 && !imageSetAt.empty() && imageSetAt.back() == parenDepth &&
                rewrite) {
                std::string value = stringValue(s, i, end);
                if (!keepReference(value))
                    out += quoted(rewrite(value, file), c);
                else
                    out.append(s, i, end - i);
            } else {
                out.append(s, i, end - i);
            }
            i = end;
        } else if (isIdentChar(c) && !std::isdigit(static_cast<unsigned char>(c)) &&
                   (i == 0 || !isIdentChar(s[i - 1]))) {
            size_t e = i;
            while (e < s.size() && isIdentChar(s[e]))
                ++e;
            const std::string name = lower(s.substr(i, e - i));
            if (e < s.size() && s[e] == '(' && name == "url") {
                i = rewriteUrlToken(s, i, out, file, rewrite);
            } else if (e < s.size() && s[e] == '(' &&
                       (name == "image-set" || name == "-webkit-image-set")) {
                out.append(s, i, e + 1 - i);
                ++parenDepth;
                ++imageSetDepth;
                imageSetAt.push_back(parenDepth);
                i = e + 1;
            } else {
                out.append(s, i, e - i);
                i = e;
            }
        } else {
            if (c == '(') {
                ++parenDepth;
            } else if (c == ')') {
                if (!imageSetAt.empty() && imageSetAt.back() == parenDepth) {
                    imageSetAt.pop_back();
                    --imageSetDepth;
                }
                if (parenDepth > 0)
                    --parenDepth;
            }
            out += c;
            ++i;
        }
    }
    return out;
}

} // namespace sy

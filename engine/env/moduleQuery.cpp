#include "env/moduleQuery.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace sy {

namespace {

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

bool endsWithNoCase(std::string_view s, std::string_view suffix)
{
    if (s.size() < suffix.size())
        return false;
    const std::string_view tail = s.substr(s.size() - suffix.size());
    return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
    });
}

/// Calls fn(param, key) for each '&'-separated parameter of `query` (leading
/// '?'s dropped); key is the name before '='.
template <typename Fn> void forEachParam(std::string_view query, Fn fn)
{
    while (startsWith(query, "?"))
        query.remove_prefix(1);
    while (!query.empty()) {
        const size_t amp = query.find('&');
        std::string_view param = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        while (startsWith(param, "?")) // "??raw"
            param.remove_prefix(1);
        if (param.empty())
            continue;
        fn(param, param.substr(0, param.find('=')));
    }
}

constexpr std::array<std::string_view, 6> kIdentityFlags{"raw",    "url",  "inline",
                                                         "module", "init", "direct"};

bool isIdentityFlag(std::string_view param)
{
    if (!param.empty() && param.back() == '=')
        param.remove_suffix(1);
    return std::find(kIdentityFlags.begin(), kIdentityFlags.end(), param) != kIdentityFlags.end();
}

} // namespace

bool hasQueryFlag(std::string_view query, std::string_view flag)
{
    bool found = false;
    forEachParam(query, [&](std::string_view param, std::string_view key) {
        if (key == flag && (param == flag || param.size() == flag.size() + 1))
            found = true;
    });
    return found;
}

std::string removeQueryParam(std::string_view query, std::string_view flag)
{
    std::string out;
    forEachParam(query, [&](std::string_view param, std::string_view key) {
        if (key == flag)
            return;
        out += out.empty() ? "?" : "&";
        out += param;
    });
    return out;
}

std::string injectQuery(std::string_view url, std::string_view flag)
{
    const size_t q = url.find('?');
    if (q != std::string_view::npos && hasQueryFlag(url.substr(q), flag))
        return std::string(url);
    std::string out(url.substr(0, q));
    out += "?";
    out += flag;
    if (q != std::string_view::npos && q + 1 < url.size()) {
        out += "&";
        out += url.substr(q + 1);
    }
    return out;
}

std::pair<std::string, std::string> splitModuleId(std::string_view idWithQuery)
{
    const size_t q = idWithQuery.find('?');
    if (q == std::string_view::npos || startsWith(idWithQuery, "virtual:"))
        return {std::string(idWithQuery), {}};
    std::string id(idWithQuery.substr(0, q));
    std::string rest;
    bool first = true;
    forEachParam(idWithQuery.substr(q), [&](std::string_view param, std::string_view) {
        if (isIdentityFlag(param)) {
            id += first ? "?" : "&";
            first = false;
            id += param.back() == '=' ? param.substr(0, param.size() - 1) : param;
        } else {
            rest += rest.empty() ? "?" : "&";
            rest += param;
        }
    });
    return {std::move(id), std::move(rest)};
}

std::string_view pathOfId(std::string_view id)
{
    if (startsWith(id, "virtual:"))
        return id;
    return id.substr(0, id.find('?'));
}

std::string_view identityQueryOf(std::string_view id)
{
    if (startsWith(id, "virtual:"))
        return {};
    const size_t q = id.find('?');
    return q == std::string_view::npos ? std::string_view{} : id.substr(q);
}

bool isJsRequestPath(std::string_view path)
{
    for (std::string_view ext : {".js", ".jsx", ".ts", ".tsx", ".mjs", ".mts", ".cjs", ".cts"})
        if (endsWithNoCase(path, ext))
            return true;
    return false;
}

bool isCssRequestPath(std::string_view path)
{
    for (std::string_view ext :
         {".css", ".less", ".sass", ".scss", ".styl", ".stylus", ".pcss", ".postcss", ".sss"})
        if (endsWithNoCase(path, ext))
            return true;
    return false;
}

bool isOptimizableEntry(std::string_view path)
{
    return isJsRequestPath(path);
}

bool needsExplicitImport(std::string_view path)
{
    return !isJsRequestPath(path) && !isCssRequestPath(path);
}

bool isDirectFileRequest(std::string_view path, std::string_view query)
{
    if (isJsRequestPath(path))
        return false;
    for (std::string_view flag : {"import", "raw", "url", "inline"})
        if (hasQueryFlag(query, flag))
            return false;
    return true;
}

} // namespace sy

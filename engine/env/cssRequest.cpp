#include "env/cssRequest.h"

#include "env/moduleQuery.h"

#include <cctype>

namespace sy {

namespace {

std::string_view pathPart(std::string_view idOrUrl)
{
    return idOrUrl.substr(0, idOrUrl.find_first_of("?#"));
}

std::string_view queryPart(std::string_view idOrUrl)
{
    const size_t q = idOrUrl.find('?');
    if (q == std::string_view::npos)
        return {};
    std::string_view query = idOrUrl.substr(q);
    return query.substr(0, query.find('#'));
}

} // namespace

bool isStylesheetPath(std::string_view path)
{
    return isCssRequestPath(path);
}

bool isCssModulePath(std::string_view path)
{
    if (!isCssRequestPath(path))
        return false;
    const size_t dot = path.find_last_of('.');
    const std::string_view stem = path.substr(0, dot);
    constexpr std::string_view kModule = ".module";
    return stem.size() > kModule.size() && stem.substr(stem.size() - kModule.size()) == kModule;
}

bool isDirectCssRequest(std::string_view idOrUrl)
{
    return isStylesheetPath(pathPart(idOrUrl)) && hasQueryFlag(queryPart(idOrUrl), "direct");
}

std::string markDirectCssRequest(std::string_view target, std::string_view accept)
{
    const std::string_view path = pathPart(target);
    const std::string_view query = queryPart(target);
    if (!isStylesheetPath(path) || accept.find("text/css") == std::string_view::npos)
        return std::string(target);
    for (std::string_view flag : {"direct", "import", "raw", "url", "inline"})
        if (hasQueryFlag(query, flag))
            return std::string(target);
    std::string out(path);
    out += "?direct";
    const size_t q = target.find('?');
    if (q != std::string_view::npos && q + 1 < target.size()) {
        out += '&';
        out += target.substr(q + 1);
    } else if (const size_t hash = target.find('#'); hash != std::string_view::npos) {
        out += target.substr(hash);
    }
    return out;
}

bool isSideEffectStylesheetId(std::string_view id)
{
    const std::string_view path = pathPart(id);
    return isStylesheetPath(path) && !isCssModulePath(path) && queryPart(id).empty();
}

bool onlyFeedsStylesheetCandidates(std::string_view file)
{
    const std::string_view path = pathPart(file);
    const size_t slash = path.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (name.substr(0, 14) == "postcss.config" || name.substr(0, 10) == ".postcssrc" ||
        name.substr(0, 15) == "tailwind.config")
        return false;
    const size_t dot = name.rfind('.');
    if (dot == std::string_view::npos)
        return false;
    std::string ext(name.substr(dot + 1));
    for (char &c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char *script : {"js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts", "html", "md",
                               "mdx", "vue", "svelte", "astro"})
        if (ext == script)
            return true;
    return false;
}

} // namespace sy

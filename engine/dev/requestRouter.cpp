#include "dev/requestRouter.h"

#include "env/cssRequest.h"

namespace sy {

namespace {
bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}
/// The query has a flag `import`, `raw`, `url` or `inline` (Vite's module queries).
bool hasModuleFlag(std::string_view query)
{
    while (!query.empty()) {
        const size_t amp = query.find('&');
        std::string_view param = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        while (startsWith(param, "?")) // "??raw"
            param.remove_prefix(1);
        if (endsWith(param, "="))
            param.remove_suffix(1);
        for (std::string_view flag : {"import", "raw", "url", "inline"})
            if (param == flag)
                return true;
    }
    return false;
}
} // namespace

RequestRoute routeRequest(std::string_view method, std::string_view path, bool publicFileExists,
                          std::string_view query, bool appFile)
{
    if (method != "GET" && method != "HEAD")
        return RequestRoute::Worker;
    if (startsWith(path, "/@fs/") || startsWith(path, "/@id/") ||
        startsWith(path, "/.switchyard/deps_client/"))
        return RequestRoute::ClientModule;
    // @vitejs/plugin-react's react-refresh runtime (framework/vitePreamble.h) and the
    // engine's HMR client at Vite's URL (env/viteClientModule.h).
    if (path == "/@react-refresh" || path == "/@vite/client")
        return RequestRoute::ClientModule;
    for (std::string_view ext : {".ts", ".tsx", ".js", ".jsx", ".mjs", ".mts"})
        if (endsWith(path, ext) && !publicFileExists)
            return RequestRoute::ClientModule;
    if (publicFileExists)
        return RequestRoute::PublicFile;
    // A stylesheet is the client environment's: text/css for a <link>, a
    // module for an import (markDirectCssRequest decides which).
    if (isStylesheetPath(path))
        return RequestRoute::ClientModule;
    if (hasModuleFlag(query) || appFile)
        return RequestRoute::ClientModule;
    return RequestRoute::Worker;
}

} // namespace sy

#include "dev/requestRouter.h"

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
} // namespace

RequestRoute routeRequest(std::string_view method, std::string_view path, bool publicFileExists)
{
    if (method != "GET" && method != "HEAD")
        return RequestRoute::Worker;
    if (startsWith(path, "/@fs/") || startsWith(path, "/@id/") ||
        startsWith(path, "/.switchyard/deps_client/"))
        return RequestRoute::ClientModule;
    for (std::string_view ext : {".ts", ".tsx", ".js", ".jsx", ".mjs", ".mts"})
        if (endsWith(path, ext) && !publicFileExists)
            return RequestRoute::ClientModule;
    if (publicFileExists)
        return RequestRoute::PublicFile;
    return RequestRoute::Worker;
}

} // namespace sy

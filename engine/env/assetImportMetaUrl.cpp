#include "env/assetImportMetaUrl.h"

#include <nlohmann/json.hpp>
#include <regex>

namespace sy {

std::string rewriteNewUrlImportMetaUrl(
    const std::string &code,
    const std::function<std::optional<std::string>(const std::string &path)> &urlFor)
{
    if (code.find("import.meta.url") == std::string::npos || code.find("URL") == std::string::npos)
        return code;
    static const std::regex pattern(
        R"(\bnew\s+URL\s*\(\s*('[^'\n]+'|"[^"\n]+"|`[^`$\n]+`)\s*,\s*import\.meta\.url\s*(,\s*)?\))");
    std::string out;
    size_t last = 0;
    for (auto it = std::sregex_iterator(code.begin(), code.end(), pattern);
         it != std::sregex_iterator(); ++it) {
        const std::smatch &m = *it;
        const std::string literal = m[1].str();
        const std::string path = literal.substr(1, literal.size() - 2);
        if (path.rfind("./", 0) != 0 && path.rfind("../", 0) != 0)
            continue;
        const std::optional<std::string> url = urlFor(path);
        if (!url)
            continue;
        const size_t at = size_t(m.position(1));
        out.append(code, last, at - last);
        out += nlohmann::json(*url).dump();
        last = at + literal.size();
    }
    out.append(code, last, std::string::npos);
    return out;
}

} // namespace sy

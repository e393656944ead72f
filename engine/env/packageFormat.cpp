#include "env/packageFormat.h"

#include "core/fileBytes.h"
#include "lex/importLexer.h"
#include "resolve/packageJson.h"

#include <filesystem>

namespace sy {

namespace fs = std::filesystem;

namespace {

/// The "type" of the package.json nearest to `dir` (Node's package scope
/// lookup), or "" when none declares one.
std::string packageTypeAbove(fs::path dir)
{
    std::error_code ec;
    while (!dir.empty()) {
        const fs::path candidate = dir / "package.json";
        if (fs::is_regular_file(candidate, ec)) {
            const auto pkg = parsePackageJson(candidate, readFileBytes(candidate));
            return pkg && pkg->parseOk ? pkg->type : std::string();
        }
        if (dir == dir.root_path())
            break;
        dir = dir.parent_path();
    }
    return {};
}

} // namespace

bool isCommonJsFile(const std::string &file)
{
    const fs::path path(file);
    const std::string ext = path.extension().string();
    if (ext == ".cjs" || ext == ".cts")
        return true;
    if (ext != ".js" && ext != ".jsx")
        return false;
    const std::string type = packageTypeAbove(path.parent_path());
    if (type == "commonjs")
        return true;
    if (type == "module")
        return false;
    const std::string source = readFileBytes(file);
    return !source.empty() && !lexModule(source).hasModuleSyntax;
}

} // namespace sy

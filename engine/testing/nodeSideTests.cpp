#include "testing/nodeSideTests.h"
#include "lex/importLexer.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <string_view>

namespace sy {

namespace {

constexpr std::array<std::string_view, 6> kNodeSideDrivers = {
    "rwsdk/e2e",  "puppeteer",       "puppeteer-core",
    "playwright", "playwright-core", "@playwright/test"};

bool namesDriver(std::string_view specifier, std::string_view driver)
{
    return specifier == driver ||
           (specifier.size() > driver.size() && specifier.substr(0, driver.size()) == driver &&
            specifier[driver.size()] == '/');
}

/// `import type { X } from "y"` (TypeScript; erased, so not a dependency).
bool isTypeOnlyImport(const std::string &source, const ImportSpan &imp)
{
    if (imp.kind != ImportKind::Static || imp.ss < 0)
        return false;
    const std::string_view head = std::string_view(source).substr(size_t(imp.ss), 12);
    return head.substr(0, 11) == "import type" &&
           (head.size() < 12 || head[11] == ' ' || head[11] == '{' || head[11] == '\t');
}

} // namespace

std::optional<std::string> nodeSideDriverImport(const std::string &file)
{
    std::ifstream in(file);
    if (!in)
        return std::nullopt;
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string source = buffer.str();
    const LexedModule lexed = lexModule(source);
    for (const ImportSpan &imp : lexed.imports) {
        if (imp.kind == ImportKind::ImportMeta || !imp.isLiteral || isTypeOnlyImport(source, imp))
            continue;
        for (std::string_view driver : kNodeSideDrivers)
            if (namesDriver(imp.specifier, driver))
                return imp.specifier;
    }
    return std::nullopt;
}

std::vector<SkippedTestFile> takeNodeSideTestFiles(std::vector<std::string> &files)
{
    std::vector<SkippedTestFile> skipped;
    std::erase_if(files, [&](const std::string &file) {
        const std::optional<std::string> driver = nodeSideDriverImport(file);
        if (!driver)
            return false;
        skipped.push_back({file, "imports \"" + *driver +
                                     "\", which drives a browser or a dev server from Node: "
                                     "not a worker test"});
        return true;
    });
    return skipped;
}

} // namespace sy

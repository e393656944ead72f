#pragma once
// A copy of one of the examples (examples/hello, ...) for a Qt test that
// changes files or lets the engine write .switchyard/: the example's own files
// (src, public, types, wrangler.jsonc, vite.config.mts, tsconfig.json,
// package*.json, ...), with node_modules symlinked to the example's installed
// packages. Like tests/e2e/serveHarness.mjs's copyApp.
#include <filesystem>

namespace sy::test {

/// Copies `example` into `to` (created if missing), leaving out node_modules,
/// .switchyard, .wrangler and dist; with `linkModules`, `to/node_modules` links to
/// the real path of the example's node_modules. Throws std::filesystem::filesystem_error.
inline void copyExample(const std::filesystem::path &example, const std::filesystem::path &to,
                        bool linkModules = true)
{
    namespace fs = std::filesystem;
    fs::create_directories(to);
    for (const fs::directory_entry &entry : fs::directory_iterator(example)) {
        const std::string name = entry.path().filename().string();
        if (name == "node_modules" || name == ".switchyard" || name == ".wrangler" ||
            name == "dist")
            continue;
        fs::copy(entry.path(), to / name, fs::copy_options::recursive);
    }
    if (linkModules)
        fs::create_directory_symlink(fs::canonical(example / "node_modules"), to / "node_modules");
}

} // namespace sy::test

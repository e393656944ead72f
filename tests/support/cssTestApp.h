#pragma once
// A temporary app and Vite's CSS resolver for the Qt tests of the CSS
// pipeline (engine/env/cssProcessor.h): tst_css_processor, tst_css_tailwind.
#include "env/cssProcessor.h"
#include "env/projectConfig.h"
#include "resolve/resolver.h"

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace sy::test {

namespace fs = std::filesystem;

inline void write(const fs::path &path, const std::string &text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

/// A temporary app folder (real path), optionally with the packages of
/// tests/fixtures/tailwind-postcss (tailwindcss 4, @tailwindcss/postcss,
/// postcss) as its node_modules.
struct App {
    QTemporaryDir dir;
    std::string root;
    ProjectConfig config;
    explicit App(bool withTailwind = false)
    {
        root = fs::canonical(dir.path().toStdString()).string();
        write(fs::path(root) / "package.json", R"({"name":"app","type":"module"})");
        if (withTailwind)
            fs::create_directory_symlink(fs::path(SY_SOURCE_DIR) /
                                             "tests/fixtures/tailwind-postcss/node_modules",
                                         fs::path(root) / "node_modules");
        config.root = root;
        config.toolsJsDir = SY_TOOLS_JS_DIR;
    }
    std::string path(const std::string &rel) const { return root + "/" + rel; }
    void put(const std::string &rel, const std::string &text) const { write(path(rel), text); }
};

/// Vite's CSS resolver: the `style` condition, `style` main field, .css
/// extension; relative specifiers from the importer's folder.
struct CssResolver {
    Resolver resolver{EnvironmentKind::Client, [] {
                          ResolveOptions o;
                          o.conditions = {"style", "development", "browser", "default"};
                          o.mainFields = {"style"};
                          o.extensions = {".css"};
                          return o;
                      }()};
    std::vector<std::pair<std::string, std::string>> urls; // (specifier, importer)

    CssProcessInput input(const std::string &file, bool module = false)
    {
        CssProcessInput in;
        in.file = file;
        std::ifstream f(file, std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        in.source = ss.str();
        in.cssModule = module;
        in.resolveImport = [this](const std::string &spec, const std::string &importer,
                                  std::string &error) -> std::optional<std::string> {
            // Vite's CSS resolver prefers relative: "theme.css" is "./theme.css" first
            if (spec[0] != '.' && spec[0] != '/') {
                Resolution rel = resolver.resolve("./" + spec, importer);
                if (rel.ok)
                    return rel.path;
            }
            Resolution r = resolver.resolve(spec, importer);
            if (!r.ok) {
                error = r.error;
                return std::nullopt;
            }
            return r.path;
        };
        in.rewriteUrl = [this](const std::string &spec, const std::string &importer) {
            urls.emplace_back(spec, importer);
            // what a client environment serves: the file's path from the root
            return "/@fs" + (fs::path(importer).parent_path() / spec).lexically_normal().string();
        };
        return in;
    }
};

} // namespace sy::test

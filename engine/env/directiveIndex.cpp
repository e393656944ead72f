#include "env/directiveIndex.h"

#include "lex/importLexer.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sy {

namespace fs = std::filesystem;

namespace {
bool isSourceFile(const fs::path &p)
{
    const std::string ext = p.extension().string();
    return ext == ".ts" || ext == ".tsx" || ext == ".js" || ext == ".jsx" || ext == ".mjs" ||
           ext == ".mts";
}
} // namespace

std::set<std::string> DirectiveIndex::directivesOf(const std::string &source)
{
    std::set<std::string> out;
    for (const Directive &d : lexModule(source).directives)
        out.insert(d.value);
    return out;
}

bool DirectiveIndex::update(const std::string &file)
{
    std::set<std::string> directives;
    if (fs::exists(file)) {
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        directives = directivesOf(text.str());
    }
    std::lock_guard lock(m_mutex);
    const bool wasClient = m_client.erase(file) > 0;
    const bool wasServer = m_server.erase(file) > 0;
    const bool isClient = directives.count("use client") > 0;
    const bool isServer = directives.count("use server") > 0;
    if (isClient)
        m_client.insert(file);
    if (isServer)
        m_server.insert(file);
    return wasClient != isClient || wasServer != isServer;
}

void DirectiveIndex::scan(const std::string &dir)
{
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path &p = it->path();
        const std::string name = p.filename().string();
        if (it->is_directory() && (name == "node_modules" || name.front() == '.')) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && isSourceFile(p))
            update(fs::canonical(p).string());
    }
}

std::set<std::string> DirectiveIndex::clientModules() const
{
    std::lock_guard lock(m_mutex);
    return m_client;
}

std::set<std::string> DirectiveIndex::serverModules() const
{
    std::lock_guard lock(m_mutex);
    return m_server;
}

} // namespace sy

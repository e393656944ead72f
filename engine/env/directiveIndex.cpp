#include "env/directiveIndex.h"

#include "env/packageDirectiveScan.h"
#include "optimizer/failureIsolation.h"

#include "lex/importLexer.h"
#include "lex/jsTokenizer.h"

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
bool isPackageFile(const std::string &file)
{
    return file.find("/node_modules/") != std::string::npos;
}

/// The directive prologue of `source` (the module scanner's rule). `complete`
/// is false when `source` is a prefix that ends before the prologue does.
std::set<std::string> prologueOf(std::string_view source, bool truncated, bool &complete)
{
    std::set<std::string> out;
    complete = false;
    JsTokenizer tz(source);
    Token t = tz.next();
    for (;;) {
        if (t.kind == TokenKind::Error || (t.kind == TokenKind::End && truncated))
            return out;
        if (t.kind != TokenKind::String) {
            complete = true;
            return out;
        }
        const Token n = tz.next();
        if (n.kind == TokenKind::Error || (n.kind == TokenKind::End && truncated))
            return out;
        const bool directive =
            n.is(';') || n.is('}') || n.kind == TokenKind::End || n.newlineBefore;
        if (!directive) {
            complete = true;
            return out;
        }
        out.insert(std::string(source.substr(size_t(t.start + 1), size_t(t.end - t.start - 2))));
        t = n.is(';') ? tz.next() : n;
    }
}

} // namespace

std::set<std::string> DirectiveIndex::prologueDirectivesOfFile(const std::string &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return {};
    constexpr size_t kHead = 16 * 1024;
    std::string head(kHead, '\0');
    in.read(head.data(), std::streamsize(kHead));
    head.resize(size_t(in.gcount()));
    const bool truncated = head.size() == kHead && in.peek() != std::char_traits<char>::eof();
    bool complete = false;
    std::set<std::string> directives = prologueOf(head, truncated, complete);
    if (complete || !truncated)
        return directives;
    std::stringstream rest;
    rest << in.rdbuf();
    return directivesOf(head + rest.str());
}

std::vector<std::string> DirectiveIndex::recordPackageFiles(const std::vector<std::string> &files,
                                                            bool *changed)
{
    std::vector<std::string> withDirective;
    bool any = false;
    for (const std::string &file : files) {
        if (!isPackageFile(file))
            continue;
        const std::set<std::string> directives =
            effectiveDirectives(file, prologueDirectivesOfFile(file));
        const bool isClient = directives.count("use client") > 0;
        const bool isServer = directives.count("use server") > 0;
        std::lock_guard lock(m_mutex);
        const bool wasClient = m_client.count(file) > 0;
        const bool wasServer = m_server.count(file) > 0;
        if (isClient)
            m_client.insert(file);
        else
            m_client.erase(file);
        if (isServer)
            m_server.insert(file);
        else
            m_server.erase(file);
        if (isClient || isServer) {
            m_packages.insert(file);
            withDirective.push_back(file);
        } else {
            m_packages.erase(file);
        }
        any = any || wasClient != isClient || wasServer != isServer;
    }
    if (changed)
        *changed = any;
    return withDirective;
}

std::vector<std::string>
DirectiveIndex::packageDirectiveCandidates(const std::vector<std::string> &entryFiles)
{
    // Real paths, as esbuild resolves imports (an --external:<file> matches a real path).
    std::set<std::string> folders;
    for (const std::string &entry : entryFiles) {
        std::error_code ec;
        if (const std::string folder = packageFolderOf(entry); !folder.empty())
            if (const fs::path real = fs::canonical(folder, ec); !ec)
                folders.insert(real.string());
    }
    std::set<std::string> out;
    for (const std::string &folder : folders)
        for (const std::string &file : packageDirectiveFiles(folder))
            out.insert(file);
    // Files rwsdk's forceClientPaths / forceServerPaths put a directive on.
    std::lock_guard lock(m_mutex);
    for (const auto &[file, directive] : m_forcedFiles)
        for (const std::string &folder : folders)
            if (file.size() > folder.size() && file.compare(0, folder.size(), folder) == 0 &&
                file[folder.size()] == '/')
                out.insert(file);
    return {out.begin(), out.end()};
}

std::set<std::string> DirectiveIndex::packageModules() const
{
    std::lock_guard lock(m_mutex);
    return m_packages;
}

bool DirectiveIndex::isPackageModule(const std::string &file) const
{
    std::lock_guard lock(m_mutex);
    return m_packages.count(file) > 0;
}

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
        directives = effectiveDirectives(file, directivesOf(text.str()));
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

void DirectiveIndex::setForcedPaths(ForcedDirectivePaths forced)
{
    const std::vector<std::string> files = forced.matchingFiles();
    {
        std::lock_guard lock(m_mutex);
        m_forced = std::move(forced);
        m_forcedFiles.clear();
        for (const std::string &file : files)
            m_forcedFiles[file] = m_forced.directiveFor(file);
    }
    for (const std::string &file : files) {
        if (isPackageFile(file))
            recordPackageFiles({file});
        else
            update(file);
    }
}

std::pair<std::string, std::string> DirectiveIndex::forcedDirective(const std::string &file) const
{
    std::lock_guard lock(m_mutex);
    if (m_forced.empty())
        return {};
    std::string directive = m_forced.directiveFor(file);
    if (directive.empty())
        if (auto at = m_forcedFiles.find(file); at != m_forcedFiles.end())
            directive = at->second;
    if (directive.empty())
        return {};
    return {directive, ForcedDirectivePaths::optionFor(directive)};
}

std::set<std::string> DirectiveIndex::effectiveDirectives(const std::string &file,
                                                          std::set<std::string> prologue) const
{
    const std::string forced = forcedDirective(file).first;
    if (!forced.empty())
        prologue.insert(forced);
    return prologue;
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

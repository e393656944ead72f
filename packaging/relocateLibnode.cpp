// sy_relocate_libnode: copies Debian's libnode.so.108 for the package's private
// library folder (/usr/lib/switchyard) with the paths of its externalized
// builtins rewritten.
//
//   sy_relocate_libnode IN OUT OLD=NEW [OLD=NEW...]
//
// Debian builds Node 18 with undici, acorn, acorn-walk and cjs-module-lexer
// taken from node-undici, node-acorn and node-cjs-module-lexer: their absolute
// paths (/usr/share/nodejs/...) are compiled into libnode as C strings
// (NODE_SHARED_BUILTIN_*_PATH) and read when node's BuiltinLoader is first made;
// a missing file aborts the process ("Cannot load externalized builtin"). Those
// packages need Debian's nodejs (node-acorn: "Depends: nodejs:any"), so the
// package ships the five files next to its libnode and points libnode at them.
//
// Each OLD must occur exactly once as a whole NUL-terminated string (its other
// occurrence, inside the embedded config.gypi JSON, is quoted and stays); NEW
// must not be longer than OLD. The rest of OLD's bytes become NULs, so nothing
// after the string moves. Exit code 1 with a message on any mismatch.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

int fail(const std::string &message)
{
    std::fprintf(stderr, "sy_relocate_libnode: %s\n", message.c_str());
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 4)
        return fail("usage: sy_relocate_libnode IN OUT OLD=NEW [OLD=NEW...]");
    std::ifstream in(argv[1], std::ios::binary);
    if (!in)
        return fail(std::string("cannot read ") + argv[1]);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (int i = 3; i < argc; ++i) {
        const std::string pair = argv[i];
        const auto eq = pair.find('=');
        if (eq == std::string::npos)
            return fail("not OLD=NEW: " + pair);
        const std::string from = pair.substr(0, eq);
        const std::string to = pair.substr(eq + 1);
        if (to.size() > from.size())
            return fail("\"" + to + "\" is longer than \"" + from + "\"");
        // Whole C strings only: preceded and followed by a NUL.
        const std::string needle = std::string(1, '\0') + from + std::string(1, '\0');
        std::vector<size_t> hits;
        for (size_t at = bytes.find(needle); at != std::string::npos;
             at = bytes.find(needle, at + 1))
            hits.push_back(at + 1);
        if (hits.size() != 1)
            return fail(std::string(argv[1]) + ": \"" + from + "\" occurs " +
                        std::to_string(hits.size()) +
                        " times as a C string (expected once): not the libnode this tool knows");
        std::string replacement = to;
        replacement.resize(from.size(), '\0');
        bytes.replace(hits.front(), from.size(), replacement);
    }
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    out.close();
    if (!out)
        return fail(std::string("cannot write ") + argv[2]);
    return 0;
}

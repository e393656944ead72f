#include "env/directiveTransforms.h"

#include "env/importRewriter.h"

#include <set>

namespace sy {

namespace {

/// Export names in source order without duplicates; string names unquoted.
std::vector<std::string> exportNames(const LexedModule &lexed)
{
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const ExportSpan &e : lexed.exports) {
        std::string name = e.name;
        if (name.size() >= 2 && (name.front() == '"' || name.front() == '\''))
            name = name.substr(1, name.size() - 2);
        if (seen.insert(name).second)
            names.push_back(std::move(name));
    }
    return names;
}

bool isIdentifier(const std::string &name)
{
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
        return false;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
              static_cast<unsigned char>(c) >= 0x80))
            return false;
    return true;
}

/// `export const <name> = <expr>;` or, for default / non-identifier names,
/// a local binding re-exported under the name.
std::string exportLine(const std::string &name, const std::string &expr, int index)
{
    if (name == "default")
        return "export default " + expr + ";\n";
    if (isIdentifier(name))
        return "export const " + name + " = " + expr + ";\n";
    const std::string local = "__switchyard_export_" + std::to_string(index);
    return "const " + local + " = " + expr + ";\nexport { " + local + " as " +
           jsStringLiteral(name) + " };\n";
}

} // namespace

std::string clientReferenceModule(const LexedModule &lexed, std::string_view referenceId)
{
    std::string out = "import { createClientReference } from \"switchyard/__client_reference\";\n";
    const std::string id = jsStringLiteral(referenceId);
    int i = 0;
    for (const std::string &name : exportNames(lexed))
        out += exportLine(name, "createClientReference(" + id + ", " + jsStringLiteral(name) + ")",
                          i++);
    return out;
}

std::string serverReferenceStubModule(const LexedModule &lexed, std::string_view referenceId)
{
    std::string out = "import { createServerReference } from \"switchyard/__server_reference\";\n";
    int i = 0;
    for (const std::string &name : exportNames(lexed))
        out += exportLine(name,
                          "createServerReference(" +
                              jsStringLiteral(std::string(referenceId) + "#" + name) + ")",
                          i++);
    return out;
}

std::string serverRegistrationFooter(std::string_view selfSpecifier, std::string_view referenceId)
{
    return "\nimport * as __switchyard_self from " + jsStringLiteral(selfSpecifier) +
           ";\nimport { registerServerReferences as __switchyard_register } from "
           "\"switchyard/__server_reference\";\n__switchyard_register(__switchyard_self, " +
           jsStringLiteral(referenceId) + ");\n";
}

} // namespace sy

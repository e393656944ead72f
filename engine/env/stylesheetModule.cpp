#include "env/stylesheetModule.h"

#include "core/jsString.h"

#include <cctype>
#include <string_view>

namespace sy {

namespace {

// Rollup's makeLegalIdentifier refuses these (reserved words and the
// built-ins it keeps out of scope); a name equal to one of them is only a key
// of the default export.
constexpr std::string_view kNotIdentifiers[] = {"break",
                                                "case",
                                                "class",
                                                "catch",
                                                "const",
                                                "continue",
                                                "debugger",
                                                "default",
                                                "delete",
                                                "do",
                                                "else",
                                                "export",
                                                "extends",
                                                "finally",
                                                "for",
                                                "function",
                                                "if",
                                                "import",
                                                "in",
                                                "instanceof",
                                                "let",
                                                "new",
                                                "return",
                                                "super",
                                                "switch",
                                                "this",
                                                "throw",
                                                "try",
                                                "typeof",
                                                "var",
                                                "void",
                                                "while",
                                                "with",
                                                "yield",
                                                "enum",
                                                "await",
                                                "implements",
                                                "package",
                                                "protected",
                                                "static",
                                                "interface",
                                                "private",
                                                "public",
                                                "arguments",
                                                "Infinity",
                                                "NaN",
                                                "undefined",
                                                "null",
                                                "true",
                                                "false",
                                                "eval",
                                                "uneval",
                                                "isFinite",
                                                "isNaN",
                                                "parseFloat",
                                                "parseInt",
                                                "decodeURI",
                                                "decodeURIComponent",
                                                "encodeURI",
                                                "encodeURIComponent",
                                                "escape",
                                                "unescape",
                                                "Object",
                                                "Function",
                                                "Boolean",
                                                "Symbol",
                                                "Error",
                                                "EvalError",
                                                "InternalError",
                                                "RangeError",
                                                "ReferenceError",
                                                "SyntaxError",
                                                "TypeError",
                                                "URIError",
                                                "Number",
                                                "Math",
                                                "Date",
                                                "String",
                                                "RegExp",
                                                "Array",
                                                "Map",
                                                "Set",
                                                "WeakMap",
                                                "WeakSet",
                                                "ArrayBuffer",
                                                "DataView",
                                                "JSON",
                                                "Promise",
                                                "Reflect",
                                                "Proxy",
                                                "Intl",
                                                "Generator"};

/// Rollup's `key === makeLegalIdentifier(key)`: ASCII identifier characters,
/// no leading digit, no '-', not a reserved word or built-in.
bool isLegalIdentifier(std::string_view name)
{
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())))
        return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$')
            return false;
    for (std::string_view word : kNotIdentifiers)
        if (name == word)
            return false;
    return true;
}

} // namespace

std::string cssModuleExportsCode(const std::map<std::string, std::string> &exports)
{
    std::string named;
    std::string rows;
    for (const auto &[name, classes] : exports) {
        const std::string value = jsStringLiteral(classes);
        rows += rows.empty() ? "\n  " : ",\n  ";
        if (isLegalIdentifier(name)) {
            named += "export const " + name + " = " + value + ";\n";
            rows += name + ": " + name;
        } else {
            rows += jsStringLiteral(name) + ": " + value;
        }
    }
    return named + "export default {" + rows + (rows.empty() ? "};\n" : "\n};\n");
}

std::string clientStylesheetModule(const std::string &id, const std::string &css,
                                   const std::string &cssRuntimeUrl, bool cssModule,
                                   const std::map<std::string, std::string> &exports)
{
    std::string code = "import { updateStyle as __vite__updateStyle, removeStyle as "
                       "__vite__removeStyle } from " +
                       jsStringLiteral(cssRuntimeUrl) + ";\n";
    code += "const __vite__id = " + jsStringLiteral(id) + ";\n";
    code += "const __vite__css = " + jsStringLiteral(css) + ";\n";
    code += "__vite__updateStyle(__vite__id, __vite__css);\n";
    // A CSS module's exports change with its content: it cannot accept itself.
    code += cssModule ? cssModuleExportsCode(exports) : "import.meta.hot.accept();\n";
    code += "import.meta.hot.prune(() => __vite__removeStyle(__vite__id));\n";
    return code;
}

std::string serverStylesheetModule(bool cssModule,
                                   const std::map<std::string, std::string> &exports)
{
    return cssModule ? cssModuleExportsCode(exports) : "export {};\n";
}

std::string inlineStylesheetModule(const std::string &css)
{
    return "export default " + jsStringLiteral(css) + ";\n";
}

} // namespace sy

#include "hmr/hotContext.h"

#include "core/jsString.h"

namespace sy {

std::string hotContextPrelude(std::string_view hmrClientUrl, std::string_view moduleUrl)
{
    std::string out = "import { createHotContext as ";
    out += kHotContextFactory;
    out += " } from ";
    out += jsStringLiteral(hmrClientUrl);
    out += ";import.meta.hot = ";
    out += kHotContextFactory;
    out += '(';
    out += jsStringLiteral(moduleUrl);
    out += ");";
    return out;
}

} // namespace sy

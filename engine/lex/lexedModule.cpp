#include "lex/lexedModule.h"

namespace sy {

bool LexedModule::hasDirective(std::string_view v) const
{
    for (const Directive &d : directives)
        if (d.value == v)
            return true;
    return false;
}

} // namespace sy

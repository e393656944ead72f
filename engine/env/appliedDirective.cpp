#include "env/appliedDirective.h"

namespace sy {

void recordDirectiveTransform(ModuleNode &node, EnvironmentKind env,
                              const std::set<std::string> &effective, const std::string &forcedBy)
{
    const bool client = effective.count("use client") > 0;
    const bool server = effective.count("use server") > 0;
    const bool worker = env == EnvironmentKind::Worker;
    std::string deciding;
    if (client)
        deciding = "use client";
    else if (server)
        deciding = "use server";
    if (deciding.empty()) {
        node.directiveTransform = DirectiveTransform::None;
        node.directiveTransformReason.clear();
        return;
    }
    if (deciding == "use client")
        node.directiveTransform = worker ? DirectiveTransform::ClientReferences
                                  : env == EnvironmentKind::Ssr ? DirectiveTransform::SsrModule
                                                                : DirectiveTransform::ClientModule;
    else
        node.directiveTransform = worker ? DirectiveTransform::ServerRegistration
                                         : DirectiveTransform::ServerReferenceStubs;
    node.directiveTransformReason = node.directives.count(deciding) ? "directive" : forcedBy;
}

} // namespace sy

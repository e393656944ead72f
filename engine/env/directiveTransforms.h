#pragma once
// Code generation for "use client" and "use server" modules, following the
// contract in runtime/README.md (RedwoodSDK's directive transforms, modelled
// on its useClientPlugin/useServerPlugin):
// - worker: a "use client" module becomes client references, one per export;
// - worker: a "use server" module stays real and registers its functions;
// - client and ssr: a "use server" module becomes server-reference stubs.
#include "lex/lexedModule.h"

#include <string>
#include <string_view>

namespace sy {

/// Replacement module for a "use client" module in the worker environment.
/// `referenceId` is the normalized path ("/src/app/components/Counter.tsx").
std::string clientReferenceModule(const LexedModule &lexed, std::string_view referenceId);

/// Replacement module for a "use server" module in client/ssr.
std::string serverReferenceStubModule(const LexedModule &lexed, std::string_view referenceId);

/// Code appended to a "use server" module in the worker: it imports its own
/// namespace (`selfSpecifier` is the module's own import specifier) and
/// registers every exported function as a server reference.
std::string serverRegistrationFooter(std::string_view selfSpecifier, std::string_view referenceId);

} // namespace sy

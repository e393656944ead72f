#pragma once
// Vitest's mock hoisting in the module pipeline of test isolates.
#include "env/environment.h"

#include <string_view>

namespace sy {

class TransformService;

/// Whether `code` calls one of vi/vitest .mock .unmock .hoisted .doMock
/// .doUnmock (Vitest's regexpHoistable: `\b(?:vi|vitest)\s*\.\s*(?:mock|
/// unmock|hoisted|doMock|doUnmock)\s*\(`), the cheap test before a module is
/// parsed for hoisting.
bool mayHoistMocks(std::string_view code);

/// The `vitest:mocks` transform Vitest adds to every module of a test run
/// (except its own), as a SourceStep for the worker environment of a test
/// session: modules that call vi.mock & co. go through
/// TransformService::hoistMocks. A hoisting error (a vi.mock inside
/// vi.hoisted, an exported hoisted variable) fails the module with Vitest's
/// message naming the module, line and column; Vitest's warnings (a hoisted
/// call that is not at the top level) go to stderr once per transform.
/// `environmentName` is used in messages.
SourceStep mockHoistingStep(TransformService &transforms, std::string environmentName);

} // namespace sy

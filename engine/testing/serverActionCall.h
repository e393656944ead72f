#pragma once
// callServerAction (cloudflare:test) per framework: the modules behind
// `virtual:switchyard:server-action-call`, chosen by the app's FrameworkProfile.
// rwsdk apps get js/rscActionCall.js, which sends rwsdk's own action request
// (FrameworkProfile::actionRequest) and decodes the RSC reply with React's
// Flight client; a plain Workers app gets a callServerAction that rejects
// with a clear error.
#include "framework/frameworkProfile.h"

#include <string>

namespace sy {

class Environment;

/// Id of the worker module cloudflare:test re-exports callServerAction from.
inline constexpr const char *kServerActionCallId = "virtual:switchyard:server-action-call";
/// Id of the worker module that carries the profile's action request
/// (`protocol`), the app's "use server" lookup (`serverLookup`) and the Flight
/// client (`encodeReply`, `createFromReadableStream`) bridged from the ssr side.
inline constexpr const char *kActionProtocolId = "virtual:switchyard:action-protocol";
/// Id of the ssr module that re-exports the Flight client's encodeReply and
/// createFromReadableStream (FrameworkProfile::actionRequest.flightClientSpecifier).
inline constexpr const char *kFlightClientId = "virtual:switchyard:flight-client";

/// The source of kActionProtocolId for `profile` (an rwsdk profile; empty when
/// the profile has no action request): `export const protocol = {...}` with the
/// profile's actionRequest fields, `serverLookup` re-exported from the profile's
/// use-server lookup module, and the Flight client imported through the worker's
/// bridged ssr subgraph (`virtual:switchyard:ssr:` + kFlightClientId).
std::string actionProtocolSource(const FrameworkProfile &profile);

/// The source of kFlightClientId (ssr) for `profile`, "" when it has no action request.
std::string flightClientSource(const FrameworkProfile &profile);

/// Registers kServerActionCallId in `worker` (and, for a framework with an
/// action request, kActionProtocolId in `worker` and kFlightClientId in `ssr`).
/// Idempotent.
void installServerActionCall(Environment &ssr, Environment &worker,
                             const FrameworkProfile &profile);

} // namespace sy

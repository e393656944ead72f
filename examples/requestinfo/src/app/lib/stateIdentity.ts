import { defineRwState } from "rwsdk/__state";

// The identity of rwsdk's state module (rwsdk/__state), the module rwsdk's
// runtime keeps its request context in (requestInfo's AsyncLocalStorage is
// `defineRwState("requestInfoStore", ...)`). A value defined through the same
// API lives exactly as long as that module's instance: a dev server that
// evaluated the state module again (re-bundled it, or cleared it with the
// other modules after an edit) would give a new identity, and requests in
// flight would lose their requestInfo. The re-optimization test checks that it
// never changes while dependencies are discovered mid-session.
//
// rwsdk/__state is rwsdk's internal entry (its runtime imports it; apps
// normally do not): this playground imports it only to observe the pinning.
export function stateIdentity(): string {
  return defineRwState(
    "requestinfo-playground:identity",
    () =>
      `state-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 6).toString(36)}`,
  );
}

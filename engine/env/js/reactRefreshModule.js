// The module the client environment serves as virtual:switchyard:react-refresh
// (bundled with esbuild at build time into one ES module for Chromium 102+):
// react-refresh's runtime (the library) with our glue (reactRefreshGlue.js).
// Every refreshed client module imports it; the preamble calls injectIntoGlobalHook.
import runtime from "react-refresh/runtime";
import { createReactRefresh } from "./reactRefreshGlue.js";

const refresh = createReactRefresh(runtime, globalThis);

export const register = refresh.register;
export const createSignatureFunctionForTransform = refresh.createSignatureFunctionForTransform;
export const injectIntoGlobalHook = refresh.injectIntoGlobalHook;
export const moduleEvaluated = refresh.moduleEvaluated;
export const moduleUpdated = refresh.moduleUpdated;
// What /@react-refresh (framework/vitePreamble.h) builds plugin-react's names on.
export const registerExports = refresh.registerExports;
export const boundaryProblem = refresh.boundaryProblem;
export const enqueueRefresh = refresh.enqueueRefresh;
export const isInjected = () => refresh.injected;
export const mountedRootCount = refresh.mountedRootCount;

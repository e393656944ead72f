// switchyard/worker: the app-facing server API.
export { defineApp } from "./worker/defineApp.js";
export { route, render, layout } from "./worker/router.js";
export { requestInfo, getRequestInfo } from "./requestInfo.js";

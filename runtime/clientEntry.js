// switchyard/client-entry: the default browser entry (the module behind
// __SWITCHYARD__.clientEntryUrl when the app has no src/client.tsx).
// The engine's HMR client (/@vite/client) connects first, so that fixing a file
// that broke hydration still reloads the page.
import "/@vite/client";
import { initClient } from "./client.js";

initClient();

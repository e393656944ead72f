// switchyard/client-entry: the default browser entry (the module behind
// __SWITCHYARD__.clientEntryUrl when the app has no src/client.tsx).
// The HMR client connects first, so that fixing a file that broke hydration
// still reloads the page.
import { installHmr } from "./client/hmr.js";
import { initClient } from "./client.js";

installHmr();
initClient();

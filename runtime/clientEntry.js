// switchyard/client-entry: the default browser entry (the module behind
// __SWITCHYARD__.clientEntryUrl when the app has no src/client.tsx).
import { initClient } from "./client.js";

initClient();

// Defines __webpack_require__ in the worker isolate. Two callers share it:
// the ssr copy of React (client references, loaded through the ssr
// use-client lookup behind the bridge) and the worker copy (server references
// passed as action arguments, loaded through the use-server lookup).
import { installModuleLoader, loadFromLookup } from "../shared/moduleLoader.js";
import { useServerLookup } from "virtual:switchyard:use-server-lookup";
import { loadClientModule } from "switchyard/__ssr_bridge";

installModuleLoader((id) => (id in useServerLookup ? loadFromLookup(useServerLookup, id, "use-server") : loadClientModule(id)));

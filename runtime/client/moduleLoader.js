// Defines __webpack_require__ in the browser over the client use-client
// lookup. Must be evaluated BEFORE react-server-dom-webpack/client.browser:
// that module patches __webpack_require__.u when it is evaluated, so
// client.js imports this module first.
import { installModuleLoader, loadFromLookup } from "../shared/moduleLoader.js";
import { useClientLookup } from "virtual:switchyard:use-client-lookup";

installModuleLoader((id) => loadFromLookup(useClientLookup, id, "client use-client"));

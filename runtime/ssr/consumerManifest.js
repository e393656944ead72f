// serverConsumerManifest for react-server-dom-webpack/client.edge in SSR:
// moduleMap[id][exportName] -> { id, chunks: [], name }. The module is then
// loaded with __webpack_require__(id) (defined by the worker runtime).
const exportsOf = (id) =>
  new Proxy(
    {},
    {
      get(_, name) {
        return typeof name === "string" ? { id, chunks: [], name } : undefined;
      },
    },
  );

const moduleMap = new Proxy(
  {},
  {
    get(_, id) {
      return typeof id === "string" ? exportsOf(id) : undefined;
    },
  },
);

export const serverConsumerManifest = { moduleMap, serverModuleMap: null, moduleLoading: null };

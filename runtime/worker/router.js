// Route table: route(), render(), layout() build plain descriptors that
// defineApp() walks in order. Functions in the list are middleware.

export function route(path, handler) {
  if (typeof path !== "string" || !path.startsWith("/")) throw new Error(`route path must start with '/': ${path}`);
  return { kind: "route", path, handler, match: compilePattern(path) };
}

// Routes inside render() are rendered inside Document (a server component
// that must render {children} inside the element the client hydrates,
// <div id="root"> by default).
export function render(Document, routes, options = {}) {
  return { kind: "render", Document, options, routes: [routes].flat(Infinity) };
}

// Layout is a server component rendered as <Layout requestInfo>{page}</Layout>.
export function layout(Layout, routes) {
  return { kind: "layout", Layout, routes: [routes].flat(Infinity) };
}

// "/users/:id" -> params.id; "/files/*" -> params.$0. Trailing slash ignored.
function compilePattern(path) {
  const names = [];
  let wildcard = 0;
  const source = trimSlash(path)
    .split("/")
    .map((part) => {
      if (part === "*") {
        names.push(`$${wildcard++}`);
        return "(.*)";
      }
      if (part.startsWith(":")) {
        names.push(part.slice(1));
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  const re = new RegExp(`^${source}$`);
  return (pathname) => {
    const m = re.exec(trimSlash(pathname));
    if (!m) return null;
    const params = {};
    names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
    return params;
  };
}

function trimSlash(p) {
  return p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
}

// Flattens the app's entries into middleware and routes, each route carrying
// the Document and layouts around it.
export function compileApp(entries) {
  const middleware = [];
  const routes = [];
  const walk = (list, Document, layouts, options) => {
    for (const entry of [list].flat(Infinity)) {
      if (!entry) continue;
      if (typeof entry === "function") middleware.push(entry);
      else if (entry.kind === "route") routes.push({ ...entry, Document, layouts, options });
      else if (entry.kind === "render") walk(entry.routes, entry.Document, layouts, entry.options);
      else if (entry.kind === "layout") walk(entry.routes, Document, [...layouts, entry.Layout], options);
      else throw new Error(`defineApp: unknown entry ${JSON.stringify(entry)}`);
    }
  };
  walk(entries, null, [], {});
  return { middleware, routes };
}

export function matchRoute(routes, pathname) {
  for (const r of routes) {
    const params = r.match(pathname);
    if (params) return { route: r, params };
  }
  return null;
}

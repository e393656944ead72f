// Cloudflare's static assets binding (env.ASSETS, wrangler `assets.binding`)
// in the worker realm: a Fetcher whose fetch() asks the asset service. Compiled
// by workerIsolate.cpp as the body of
//   function (call) { ... }
// where call(binding, "fetch", argsJson) is the native bridge to the isolate's
// BindingHost (engine/dev/assetsBinding.h: html_handling, not_found_handling,
// the file policy). Returns the class.
'use strict';

class Fetcher {
  #name;
  constructor(name) {
    this.#name = name;
  }

  // fetch(input, init?): as a service binding's fetch, a Request or an absolute URL.
  async fetch(input, init) {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const [json, bytes] = call(this.#name, 'fetch', JSON.stringify({
      method: request.method,
      pathname: url.pathname,
      search: url.search,
      ifNoneMatch: request.headers.get('if-none-match') || '',
    }));
    const { status, headers } = JSON.parse(json);
    const bodyless = request.method === 'HEAD' || status === 304 || (status >= 300 && status < 400);
    const body = bodyless || !bytes ? null : new Uint8Array(bytes);
    return new Response(body, { status, headers });
  }

  connect() {
    throw new Error('connect() is not supported on the assets binding');
  }
}

return Fetcher;

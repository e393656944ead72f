// workerd's WebSocketPair and the Response that carries a WebSocket (status 101),
// for the worker realm. Compiled by workerIsolate.cpp as the body of
//   function () { ... }
// run once per Node environment; the bootstrap installs what it returns:
// { WebSocketPair, withWebSocketResponses(Response) -> Response }.
//
// A pair is two connected in-memory ends (workerd's WebSocketPair, as a Worker
// uses it to answer an upgrade or a test uses it to mock one): each end must
// accept() before it sends; what one end sends is delivered to the other as a
// MessageEvent once that end accepted (queued until then); close(code, reason)
// delivers a CloseEvent-like `close` event (code, reason, wasClean) to the peer.
'use strict';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

class WebSocket extends EventTarget {
  static CONNECTING = CONNECTING;
  static OPEN = OPEN;
  static CLOSING = CLOSING;
  static CLOSED = CLOSED;
  #peer = null;
  #accepted = false;
  #state = OPEN;
  #closeReceived = false; // the peer's close arrived: this end's close() completes it
  #queue = []; // events for this end that arrived before accept()

  static link(a, b) {
    a.#peer = b;
    b.#peer = a;
  }

  get readyState() {
    return this.#state;
  }
  get url() {
    return null;
  }
  get protocol() {
    return '';
  }
  get extensions() {
    return '';
  }

  accept() {
    if (this.#accepted) return;
    this.#accepted = true;
    const queued = this.#queue;
    this.#queue = [];
    // Delivered after the caller attached its listeners, as workerd delivers them.
    queueMicrotask(() => queued.forEach((event) => this.dispatchEvent(event)));
  }

  send(data) {
    if (!this.#accepted)
      throw new TypeError('You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.');
    if (this.#state !== OPEN) throw new TypeError("Can't call WebSocket send() after close().");
    let payload;
    if (typeof data === 'string') payload = data;
    else if (data instanceof ArrayBuffer) payload = data.slice(0);
    else if (ArrayBuffer.isView(data)) payload = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    else throw new TypeError('WebSocket send() accepts a string, an ArrayBuffer or an ArrayBufferView.');
    this.#peer.#receive(new MessageEvent('message', { data: payload }));
  }

  close(code = 1000, reason = '') {
    if (code !== 1000 && code !== 1001 && code !== 1011 && code !== 1012 && (code < 3000 || code > 4999))
      throw new TypeError(`Invalid WebSocket close code: ${code}.`);
    if (this.#state === CLOSED || (this.#state === CLOSING && !this.#closeReceived)) return;
    const answering = this.#closeReceived; // the peer closed first: this completes it
    this.#state = answering ? CLOSED : CLOSING;
    this.#peer.#receive(closeEvent(code, reason));
  }

  #receive(event) {
    if (event.type === 'close') {
      this.#closeReceived = true;
      this.#state = this.#state === CLOSING ? CLOSED : CLOSING;
    }
    if (this.#accepted) queueMicrotask(() => this.dispatchEvent(event));
    else this.#queue.push(event);
  }
}

function closeEvent(code, reason) {
  const event = new Event('close');
  Object.defineProperties(event, {
    code: { value: code, enumerable: true },
    reason: { value: String(reason), enumerable: true },
    wasClean: { value: true, enumerable: true },
  });
  return event;
}

class WebSocketPair {
  constructor() {
    const client = new WebSocket();
    const server = new WebSocket();
    WebSocket.link(client, server);
    Object.defineProperties(this, {
      0: { value: client, enumerable: true },
      1: { value: server, enumerable: true },
    });
  }
}

// Response as workerd has it: `new Response(null, { status: 101, webSocket })`
// is an upgrade answer (undici refuses status 101), and every Response has
// `webSocket` (null unless it carries one). The same class stays (a Proxy over
// it), so `instanceof Response` holds for fetch()'s responses too.
function withWebSocketResponses(Response) {
  const sockets = new WeakMap();
  if (!Object.getOwnPropertyDescriptor(Response.prototype, 'webSocket'))
    Object.defineProperty(Response.prototype, 'webSocket', {
      get() {
        return sockets.get(this) ?? null;
      },
      configurable: true,
    });
  // workerd takes an empty body with a null-body status (new Response("", { status: 204 }),
  // as Pages middleware writes it) as no body; undici refuses any body there.
  const nullBodyStatus = new Set([204, 205, 304]);
  const isEmpty = (body) => body === '' ||
    ((body instanceof ArrayBuffer || ArrayBuffer.isView(body)) && body.byteLength === 0);
  return new Proxy(Response, {
    construct(target, args, newTarget) {
      const [body, init] = args;
      const webSocket = init && typeof init === 'object' ? init.webSocket : undefined;
      if (!webSocket && body !== null && body !== undefined && init && typeof init === 'object' &&
          nullBodyStatus.has(Number(init.status))) {
        if (!isEmpty(body)) throw new TypeError('Response with null body status (101, 204, 205, or 304) cannot have a body.');
        return Reflect.construct(target, [null, ...args.slice(1)], newTarget);
      }
      if (!webSocket) return Reflect.construct(target, args, newTarget);
      if (!(webSocket instanceof WebSocket))
        throw new TypeError('Response init.webSocket must be one end of a WebSocketPair.');
      const status = init.status ?? 101;
      if (status !== 101) throw new RangeError('A Response with a webSocket must have status 101.');
      if (body !== null && body !== undefined) throw new TypeError('A Response with a webSocket has no body.');
      const response = Reflect.construct(target, [null, { headers: init.headers, statusText: init.statusText }], newTarget);
      Object.defineProperties(response, {
        status: { value: 101 },
        ok: { value: false },
        statusText: { value: init.statusText ?? 'Switching Protocols' },
      });
      sockets.set(response, webSocket);
      return response;
    },
  });
}

return { WebSocketPair, withWebSocketResponses };

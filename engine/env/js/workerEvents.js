// The event objects a Worker's handlers receive, as workerd builds them:
// ExecutionContext (fetch, scheduled, queue), ScheduledController (scheduled)
// and MessageBatch / Message (queue), plus the ack/retry outcome a queue
// consumer leaves (workerd's FetcherQueueResult). Served as
// `virtual:switchyard:worker-events`: the worker's own entrypoints
// (workerRpc.js: SELF / exports / service bindings) and `cloudflare:test`'s
// createExecutionContext, createScheduledController, createMessageBatch and
// getQueueResult share these classes, as the Workers Vitest pool's do.
const kConstruct = Symbol("construct");
const kWaitUntil = Symbol("waitUntil");

/// The third argument of module-format handlers: waitUntil() promises are
/// kept so the caller can wait for them (waitOnExecutionContext).
export class ExecutionContext {
  constructor(flag, props = {}) {
    if (flag !== kConstruct) throw new TypeError("Illegal constructor");
    Object.defineProperty(this, kWaitUntil, { value: [] });
    this.props = props;
  }
  waitUntil(promise) {
    if (!(this instanceof ExecutionContext)) throw new TypeError("Illegal invocation");
    this[kWaitUntil].push(Promise.resolve(promise));
  }
  passThroughOnException() {}
  /// workerd's ctx.exports: a loopback binding per export of the worker's main
  /// module (the `exports` of cloudflare:workers, which puts it here).
  get exports() {
    return globalThis[kContextExports];
  }
}
const kContextExports = Symbol.for("switchyard.contextExports");

export function newExecutionContext(props) {
  return new ExecutionContext(kConstruct, props);
}

export function isExecutionContext(value) {
  return typeof value === "object" && value !== null && Array.isArray(value[kWaitUntil]);
}

/// Waits until every waitUntil() promise of `ctx` settled, also ones added
/// meanwhile. One rejection is rethrown, several become an AggregateError.
export async function settleWaitUntil(ctx) {
  const pending = ctx[kWaitUntil];
  const errors = [];
  while (pending.length > 0) {
    for (const settled of await Promise.allSettled(pending.splice(0))) {
      if (settled.status === "rejected") errors.push(settled.reason);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} waitUntil() promises rejected`);
}

/// The first argument of scheduled(): { scheduledTime (ms), cron, noRetry() }.
export class ScheduledController {
  #noRetry = false;
  constructor(flag, options) {
    if (flag !== kConstruct) throw new TypeError("Illegal constructor");
    const time = options?.scheduledTime;
    const scheduledTime = time instanceof Date ? time.getTime() : Number(time ?? Date.now());
    const cron = String(options?.cron ?? "");
    Object.defineProperties(this, {
      scheduledTime: { get: () => scheduledTime, enumerable: true },
      cron: { get: () => cron, enumerable: true },
    });
  }
  noRetry() {
    if (!(this instanceof ScheduledController)) throw new TypeError("Illegal invocation");
    this.#noRetry = true;
  }
  static retryDisabled(controller) {
    return controller.#noRetry;
  }
}

export function newScheduledController(options) {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new TypeError("Failed to execute 'createScheduledController': parameter 1 is not of type 'ScheduledOptions'.");
  }
  return new ScheduledController(kConstruct, options);
}

const kAck = Symbol("ack");
const kRetry = Symbol("retry");
const kAckAll = Symbol("ackAll");
const kRetryAll = Symbol("retryAll");

/// One message of a MessageBatch: id, timestamp (Date), body (a structured
/// clone of what was sent), attempts, ack(), retry().
export class Message {
  #batch;
  constructor(flag, batch, message) {
    if (flag !== kConstruct) throw new TypeError("Illegal constructor");
    this.#batch = batch;
    if (message === null || typeof message !== "object") {
      throw new TypeError("Incorrect type for a 'ServiceBindingQueueMessage': the provided value is not of type 'object'.");
    }
    const id = String(message.id);
    let timestamp;
    if (typeof message.timestamp === "number") timestamp = new Date(message.timestamp);
    else if (message.timestamp instanceof Date) timestamp = new Date(message.timestamp.getTime());
    else {
      throw new TypeError("Incorrect type for the 'timestamp' field on 'ServiceBindingQueueMessage': the provided value is not of type 'date'.");
    }
    if (typeof message.attempts !== "number") {
      throw new TypeError("Incorrect type for the 'attempts' field on 'ServiceBindingQueueMessage': the provided value is not of type 'number'.");
    }
    if ("serializedBody" in message) throw new TypeError("Cannot use `serializedBody` with `createMessageBatch()`");
    const attempts = message.attempts;
    const body = structuredClone(message.body);
    Object.defineProperties(this, {
      id: { get: () => id, enumerable: true },
      timestamp: { get: () => timestamp, enumerable: true },
      body: { get: () => body, enumerable: true },
      attempts: { get: () => attempts, enumerable: true },
      [kAck]: { value: false, writable: true },
      [kRetry]: { value: false, writable: true },
    });
  }
  ack() {
    if (!(this instanceof Message)) throw new TypeError("Illegal invocation");
    if (this.#batch[kAckAll]) return;
    if (this.#batch[kRetryAll]) {
      console.warn(`Received a call to ack() on message ${this.id} after retryAll() was already called. Calling ack() on a message after calling retryAll() has no effect.`);
      return;
    }
    if (this[kRetry]) {
      console.warn(`Received a call to ack() on message ${this.id} after retry() was already called. Calling ack() on a message after calling retry() has no effect.`);
      return;
    }
    this[kAck] = true;
  }
  retry(options) {
    if (!(this instanceof Message)) throw new TypeError("Illegal invocation");
    if (this.#batch[kRetryAll]) return;
    if (this.#batch[kAckAll]) {
      console.warn(`Received a call to retry() on message ${this.id} after ackAll() was already called. Calling retry() on a message after calling ackAll() has no effect.`);
      return;
    }
    if (this[kAck]) {
      console.warn(`Received a call to retry() on message ${this.id} after ack() was already called. Calling retry() on a message after calling ack() has no effect.`);
      return;
    }
    this[kRetry] = options?.delaySeconds === undefined ? true : { delaySeconds: options.delaySeconds };
  }
}

/// The first argument of queue(): { queue, messages, metadata, ackAll(), retryAll() }.
export class MessageBatch {
  constructor(flag, queueName, messages) {
    if (flag !== kConstruct) throw new TypeError("Illegal constructor");
    const queue = String(queueName);
    Object.defineProperties(this, {
      [kAckAll]: { value: false, writable: true },
      [kRetryAll]: { value: false, writable: true },
    });
    const list = Object.freeze(messages.map((m) => new Message(kConstruct, this, m)));
    const metadata = { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date(0) } };
    Object.defineProperties(this, {
      queue: { get: () => queue, enumerable: true },
      messages: { get: () => list, enumerable: true },
      metadata: { get: () => metadata, enumerable: true },
    });
  }
  ackAll() {
    if (!(this instanceof MessageBatch)) throw new TypeError("Illegal invocation");
    if (this[kRetryAll]) {
      console.warn("Received a call to ackAll() after retryAll() was already called. Calling ackAll() after calling retryAll() has no effect.");
      return;
    }
    this[kAckAll] = true;
  }
  retryAll(options) {
    if (!(this instanceof MessageBatch)) throw new TypeError("Illegal invocation");
    if (this[kAckAll]) {
      console.warn("Received a call to retryAll() after ackAll() was already called. Calling retryAll() after calling ackAll() has no effect.");
      return;
    }
    this[kRetryAll] = options?.delaySeconds === undefined ? true : { delaySeconds: options.delaySeconds };
  }
}

export function newMessageBatch(queueName, messages, caller = "createMessageBatch") {
  if (queueName === undefined) throw new TypeError(`Failed to execute '${caller}': parameter 1 is not of type 'string'.`);
  if (!Array.isArray(messages)) throw new TypeError(`Failed to execute '${caller}': parameter 2 is not of type 'Array'.`);
  return new MessageBatch(kConstruct, queueName, messages);
}

export function isMessageBatch(value) {
  return value instanceof MessageBatch;
}

/// What a queue consumer decided, as workerd reports it to the producer side
/// (FetcherQueueResult without `outcome`), in the pool's shape: retry delays
/// are not reported.
export function queueOutcome(batch) {
  const retryMessages = [];
  const explicitAcks = [];
  for (const message of batch.messages) {
    if (message[kRetry]) retryMessages.push({ msgId: message.id });
    if (message[kAck]) explicitAcks.push(message.id);
  }
  return {
    ackAll: batch[kAckAll],
    retryBatch: { retry: Boolean(batch[kRetryAll]) },
    explicitAcks,
    retryMessages,
  };
}

// Stands in for undici's Client and Pool inside the fetchMock bundle: a
// MockClient/MockPool extends it, and a request that no interceptor matched
// while net connect is allowed reaches kDispatch, which hands it to the
// isolate's real fetch (setPassThrough, fetchMock.js).
'use strict';
const DispatcherBase = require('undici/lib/dispatcher/dispatcher-base.js');
const { kDispatch, kClose, kDestroy } = require('undici/lib/core/symbols.js');

let passThrough = null;

class Client extends DispatcherBase {
  constructor(origin, opts) {
    super(opts);
  }
  [kDispatch](opts, handler) {
    if (!passThrough) throw new Error('fetchMock: no pass-through dispatcher');
    passThrough(opts, handler);
    return true;
  }
  async [kClose]() {}
  async [kDestroy]() {}
}

module.exports = Client;
module.exports.setPassThrough = (fn) => {
  passThrough = fn;
};

// Globals the bundled @vitest/mocker chunks read at load time (its module
// lexers' set-up, unused by hoistMocks) that a plain V8 context lacks.
export var process = { execArgv: [], env: {} };
export var atob =
  globalThis.atob ||
  function (s) {
    var chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    var out = "", bits = 0, count = 0;
    for (var i = 0; i < s.length; i++) {
      var v = chars.indexOf(s[i]);
      if (v < 0) continue;
      bits = ((bits << 6) | v) & 0xffffff;
      count += 6;
      if (count >= 8) {
        count -= 8;
        out += String.fromCharCode((bits >> count) & 255);
      }
    }
    return out;
  };

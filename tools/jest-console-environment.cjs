// The console's unit tests run in jsdom, a DOM in Node. jsdom lacks some browser globals the
// console uses (WebCrypto for signing development tokens, TextEncoder, fetch's Response): they
// are taken from Node, which implements the same standards.
const { TestEnvironment } = require('jest-environment-jsdom');
const { webcrypto } = require('node:crypto');
const { TextDecoder, TextEncoder } = require('node:util');

class ConsoleEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const g = this.global;
    // Bytes must be the page's own Uint8Array: libraries check `instanceof` in that realm.
    if (!g.TextEncoder) {
      g.TextEncoder = class extends TextEncoder {
        encode(text) {
          return new g.Uint8Array(super.encode(text));
        }
      };
    }
    if (!g.TextDecoder) g.TextDecoder = TextDecoder;
    if (!g.crypto?.subtle) Object.defineProperty(g, 'crypto', { value: webcrypto, configurable: true });
    for (const name of ['fetch', 'Response', 'Request', 'Headers', 'Blob', 'structuredClone']) {
      if (!g[name]) g[name] = globalThis[name];
    }
  }
}

module.exports = ConsoleEnvironment;

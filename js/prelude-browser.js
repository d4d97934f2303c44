// pcf package, browser and bundler entry (ES module). Built by scripts/build-pkg.sh from
// js/prelude-browser.js + js/core.js; do not edit pkg/index.js.
import initWasm, { initSync as initWasmSync } from './web/pcf.js';
import * as bindings from './web/pcf.js';

let ready = false;
let pending;

function raw() {
  if (!ready) {
    throw new PcfError('not_initialized', '$', 'call `await init()` (or initSync(bytes)) before using pcf');
  }
  return bindings;
}

/**
 * Loads the WebAssembly module. `input`: a URL or path of pcf_bg.wasm (default: next to this
 * file), a Response or a promise of one, the bytes (ArrayBuffer, typed array) or a compiled
 * WebAssembly.Module. Resolves when the engine is ready; calling it again is harmless.
 */
function init(input) {
  if (ready) return Promise.resolve();
  if (!pending) {
    const arg = input === undefined ? undefined : { module_or_path: input };
    pending = initWasm(arg).then(
      () => {
        ready = true;
      },
      (err) => {
        pending = undefined;
        throw new PcfError('not_initialized', '$', `the WebAssembly module did not load: ${err && err.message ? err.message : err}`, { cause: err });
      },
    );
  }
  return pending;
}

/** Loads the module synchronously from its bytes or a WebAssembly.Module (workers, tests). */
function initSync(input) {
  if (ready) return;
  try {
    initWasmSync({ module: input });
  } catch (err) {
    throw new PcfError('not_initialized', '$', `the WebAssembly module did not load: ${err && err.message ? err.message : err}`, { cause: err });
  }
  ready = true;
}

/** Whether the engine is loaded. */
function isReady() {
  return ready;
}

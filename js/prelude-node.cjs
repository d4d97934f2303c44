// pcf package, Node entry (CommonJS; index.mjs re-exports it for `import`). Built by
// scripts/build-pkg.sh from js/prelude-node.cjs + js/core.js; do not edit pkg/index.cjs.
'use strict';

// The wasm-bindgen `nodejs` bindings instantiate the module synchronously when required.
const bindings = require('./node/pcf.js');

function raw() {
  return bindings;
}

/** Node loads the module when the package is required: init() is a synchronous no-op. */
function init() {}

/** Node loads the module when the package is required: initSync() is a no-op. */
function initSync() {}

/** Whether the engine is loaded (always, in Node). */
function isReady() {
  return true;
}

// The page's side of the engine worker (worker.js), loaded first (index.html runs it as an
// async module, before app.js and its imports are even fetched): it starts fetching and
// compiling the core WASM module (pkg/pcf_bg.wasm, preloaded by index.html) on the main
// thread's background compiler and starts the worker at once, then posts the compiled module
// to the worker, which instantiates it. So the download, the compilation and the worker's own
// start run side by side instead of one after another (worker.js → pkg/pcf.js → the module).
// A restarted worker gets the same compiled module. No imports: nothing delays it.
//
// Protocol: see worker.js. The first message to a worker is {init: WebAssembly.Module | null}
// (null: the page could not compile it, the worker fetches the module itself).
performance.mark('pcf-engine-start');

/** The core module, compiled once (streaming when the server says application/wasm). */
const compiled = (async () => {
  const resp = await fetch(new URL('./pkg/pcf_bg.wasm', import.meta.url));
  if (!resp.ok) throw new Error(`pkg/pcf_bg.wasm: HTTP ${resp.status}`);
  if (resp.headers.get('content-type')?.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(resp);
  }
  return WebAssembly.compile(await resp.arrayBuffer());
})();
compiled.then(() => performance.mark('pcf-core-compiled'), () => {});

let worker = null;
const pending = new Map();
let nextId = 1;
let stoppedMessage = (reason) => `The engine stopped (${reason}) and was restarted.`;

/** The message of the `engine_stopped` error (the page's language): `(reason) → text`. */
export function setStoppedMessage(fn) {
  stoppedMessage = fn;
}

function failAll(message, code = 'internal') {
  for (const p of pending.values()) p.fail(Object.assign(new Error(message), { code, path: '' }));
  pending.clear();
}

/** Replaces a worker that died or whose engine trapped: every pending call fails with
 * `engine_stopped` (the page says so and that the engine was restarted), and the next call
 * goes to a fresh worker with a fresh WASM instance. The work itself is in local storage. */
const restarts = [];
function restartWorker(reason) {
  worker?.terminate();
  failAll(stoppedMessage(reason), 'engine_stopped');
  // A worker that cannot even start (its script fails to load) would otherwise restart in a
  // tight loop: at most 5 restarts a minute, then the next call starts one.
  const now = performance.now();
  while (restarts.length && now - restarts[0] > 60_000) restarts.shift();
  restarts.push(now);
  if (restarts.length <= 5) startWorker();
  else worker = null;
}

function startWorker() {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker = w;
  // Messages queue in the worker until it has instantiated the module.
  compiled.then((m) => w.postMessage({ init: m }), () => w.postMessage({ init: null }));
  w.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    if (!p) return;
    if (data.progress) {
      p.progress?.(data.progress);
      return;
    }
    pending.delete(data.id);
    if (data.ok) p.ok(data.value);
    else if (data.fatal) {
      // The WASM instance trapped: its memory may be inconsistent, so it is not used again.
      pending.set(data.id, p);
      restartWorker(data.error.message);
    } else p.fail(Object.assign(new Error(data.error.message), data.error));
  };
  // A worker that dies (an uncaught error, a script that fails to load) is replaced.
  w.onerror = (e) => {
    e.preventDefault?.();
    restartWorker(e.message ?? 'worker error');
  };
  w.onmessageerror = () => restartWorker('unreadable message');
}
startWorker();

/** Drops every pending call (they fail with `message`) and starts a fresh worker: for a
 * computation the user no longer waits for. */
export function supersede(message) {
  worker?.terminate();
  failAll(message);
  startWorker();
}

/** As `call`, with `progress({done, runs})` called for the worker's progress messages. */
export function callWithProgress(fn, progress, ...args) {
  return new Promise((ok, fail) => {
    const id = nextId++;
    pending.set(id, { ok, fail, progress });
    if (!worker) startWorker();
    worker.postMessage({ id, fn, args });
  });
}

/** Calls an engine function in the worker: call('computeJson', text) → Promise. */
export function call(fn, ...args) {
  return callWithProgress(fn, undefined, ...args);
}

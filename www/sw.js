// Offline copy of the page: same-origin GET requests are answered from the network when it
// answers (so a rebuilt page is picked up at once) and from the cache when it does not. The
// shell is cached at install, so one visit is enough to work offline. Nothing is fetched
// from any other origin (the page's CSP forbids it, and this worker ignores such requests).
// The page registers this worker once it is ready (after the first result), so the shell's
// extras module (pkg/pcf_extras*, loaded by the page only on first use) and the input
// schemas are fetched in the background then, never before the first result.
const CACHE = 'pcf-page-v3';
const SHELL = [
  './', 'index.html', 'style.css', 'engine.js', 'app.js', 'tools.js', 'dom.js', 'form.js', 'i18n.js', 'i18n-tools.js', 'i18n-zh.js', 'i18n-help-zh.js', 'csv.js',
  'worker.js',
  'pkg/pcf.js', 'pkg/pcf_bg.wasm', 'pkg/pcf_extras.js', 'pkg/pcf_extras_bg.wasm',
  'examples/index.json', 'schema/index.json', 'bom-template.csv',
];

self.addEventListener('install', (e) => {
  e.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL);
    // The examples listed by the index, for the picker offline.
    try {
      const list = await (await cache.match('examples/index.json')).json();
      await cache.addAll(list.map((x) => `examples/${encodeURIComponent(x.file)}`));
    } catch { /* the page still works with the cached shell */ }
    // The input schemas, for the form of every template offline.
    try {
      const list = await (await cache.match('schema/index.json')).json();
      await cache.addAll(list.map((f) => `schema/${encodeURIComponent(f)}`));
    } catch { /* the form of a template not seen online is then unavailable offline */ }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    for (const k of await caches.keys()) if (k !== CACHE) await caches.delete(k);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  e.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const resp = await fetch(req);
      if (resp.ok) await cache.put(req, resp.clone());
      return resp;
    } catch (err) {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      throw err;
    }
  })());
});

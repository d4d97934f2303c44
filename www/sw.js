// Offline copy of the page: same-origin GET requests are answered from the network when it
// answers (so a rebuilt page is picked up at once) and from the cache when it does not. The
// shell is cached at install, so one visit is enough to work offline. Nothing is fetched
// from any other origin (the page's CSP forbids it, and this worker ignores such requests).
const CACHE = 'pcf-page-v1';
const SHELL = [
  './', 'index.html', 'style.css', 'app.js', 'form.js', 'i18n.js', 'csv.js', 'worker.js',
  'pkg/pcf.js', 'pkg/pcf_bg.wasm', 'examples/index.json', 'bom-template.csv',
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

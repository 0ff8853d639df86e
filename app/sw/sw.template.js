// Archipel's service worker: the app starts and works with no network.
// Generated at build time by `cargo xtask sw` (a Trunk post-build hook) from
// app/sw/sw.template.js: the list below is the exact set of files Trunk
// produced, hashed names included. Never edit the generated sw.js by hand.
//
// - Navigations: network first, the cached shell when offline (client
//   routes work offline).
// - Content-hashed assets: cache first (they never change).
// - Other files of the app (icons, manifest): cache, refreshed from the network.
// - The API (/api/, attachments included) and the health check pass
//   through untouched. Attachments kept offline live in the app's own
//   "archipel-files-v1" cache, which only the app reads and fills and which
//   the clean-up below never deletes.
// - A new version installs beside the old one and takes over only when every
//   tab of the old one is closed: the app never reloads under someone's feet.

const VERSION = "__VERSION__";
const CACHE = `archipel-${VERSION}`;
const PRECACHE = __PRECACHE__;
const HASHED = /-[0-9a-f]{10,16}(_bg)?\.[a-z0-9]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      // Old versions of the app's files go; attachments kept for offline use
      // (the app's own "archipel-files-*" cache) stay.
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("archipel-") && !key.startsWith("archipel-files-") && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

async function shell() {
  const cache = await caches.open(CACHE);
  return (await cache.match("/index.html")) || (await cache.match("/"));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname === "/healthz") return;

  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(async () => (await shell()) || Response.error()),
    );
    return;
  }
  if (HASHED.test(url.pathname)) {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => {
        const copy = response.clone();
        if (response.ok) caches.open(CACHE).then((cache) => cache.put(request, copy));
        return response;
      })),
    );
    return;
  }
  event.respondWith(
    caches.match(request).then((hit) => {
      const fresh = fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put(request, copy));
          return response;
        })
        .catch(() => hit || Response.error());
      return hit || fresh;
    }),
  );
});

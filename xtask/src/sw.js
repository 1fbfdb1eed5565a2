// The site's service worker, written by `cargo xtask build` (the lists below are filled in from
// dist/). It keeps every guide and window page, their data and the main bundle for reading
// without a signal; pages and the form bundle seen online are kept too. It never keeps answers
// of the API, the plain forms or the staff console (personal data), nor any address with a
// query (offline, a page asked for with one gets the page without it).
"use strict";
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const PRECACHE = __PRECACHE__;
const PAGES = "swg-pages-" + VERSION;
const SEEN = "swg-seen-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(PAGES).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("swg-") && k !== PAGES && k !== SEEN).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

/// Whether a request may be answered from the caches: a page (with or without a query, which
/// the app reads itself) or a file without one.
function keepable(request, url) {
  if (request.method !== "GET" || url.origin !== self.location.origin) return false;
  if (url.search && request.mode !== "navigate") return false;
  if (!url.pathname.startsWith(BASE + "/")) return false;
  const path = url.pathname.slice(BASE.length);
  return !/^\/(api|forms|staff)\//.test(path) && path !== "/sw.js";
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (!keepable(request, url)) return;
  const hashed = url.pathname.startsWith(BASE + "/assets/");
  event.respondWith(hashed ? cacheFirst(request) : networkFirst(request));
});

/// Hashed assets never change: the cached copy, else the network's (kept).
async function cacheFirst(request) {
  const cached = await caches.match(request);
  return cached || fetchAndKeep(request);
}

/// Pages and their data: the network's when there is one (so a new deploy shows at once),
/// else the kept copy; a page never seen offline falls back to the home page.
async function networkFirst(request) {
  try {
    return await fetchAndKeep(request);
  } catch (offline) {
    const cached = await caches.match(request, { ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    if (request.mode === "navigate") {
      const home = await caches.match(BASE + "/");
      if (home) return home;
    }
    throw offline;
  }
}

async function fetchAndKeep(request) {
  const response = await fetch(request);
  const url = new URL(request.url);
  // A page with a query may be the server's answer to it (a share link, a search): not kept.
  if (response.ok && response.type === "basic" && !url.search) {
    const copy = response.clone();
    const cache = await caches.open(PRECACHE.includes(url.pathname) ? PAGES : SEEN);
    await cache.put(request, copy);
  }
  return response;
}

// Sinergi's service worker (served by sinergi/portal/luring.py at /sw.js).
// - static files and map boundaries: precached at install, then cache first (their URLs carry
//   a content hash in production; the cache name carries the version of all of them);
// - the three field forms: network first, the last copy when there is no connection;
// - everything else (other pages, the API, every POST): straight to the network, never cached.
// The page cache is emptied by the page at logout (luring.js), and never holds a redirect (a
// signed-out visit to the staff form) or an error page.
"use strict";
const KONFIG = {{ konfig|safe }};
const STATIS = "sinergi-statis-" + KONFIG.versi;
const HALAMAN = "sinergi-halaman-" + KONFIG.versi;

function halamanLuring(url) {
  return url.origin === self.location.origin && KONFIG.halaman.indexOf(url.pathname) >= 0;
}

function bolehSimpan(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

self.addEventListener("install", function (event) {
  event.waitUntil((async function () {
    const statis = await caches.open(STATIS);
    await statis.addAll(KONFIG.statis);
    // Warm the forms too, so that they open offline even if not yet visited; a form the user
    // may not open (signed out: a redirect to the login page) is simply not kept.
    const halaman = await caches.open(HALAMAN);
    await Promise.all(KONFIG.halaman.map(async function (url) {
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (bolehSimpan(response)) await halaman.put(url, response);
      } catch (e) { /* offline during install: kept on the first visit instead */ }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", function (event) {
  event.waitUntil((async function () {
    const names = await caches.keys();
    await Promise.all(names.map(function (name) {
      if (name.indexOf("sinergi-") === 0 && name !== STATIS && name !== HALAMAN) {
        return caches.delete(name);
      }
      return null;
    }));
    await self.clients.claim();
  })());
});

async function jaringanDulu(request) {
  const url = new URL(request.url);
  const kunci = url.origin + url.pathname; // "?terkirim=1" and the like open the same form
  try {
    const response = await fetch(request);
    if (bolehSimpan(response) && !url.search) {
      const salinan = response.clone();
      caches.open(HALAMAN).then(function (cache) { return cache.put(kunci, salinan); });
    }
    return response;
  } catch (e) {
    const cached = await caches.match(kunci, { cacheName: HALAMAN });
    if (cached) return cached;
    throw e;
  }
}

async function cacheDulu(request) {
  const cached = await caches.match(request, { cacheName: STATIS });
  if (cached) return cached;
  const response = await fetch(request);
  if (bolehSimpan(response)) {
    const salinan = response.clone();
    caches.open(STATIS).then(function (cache) { return cache.put(request, salinan); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && halamanLuring(url)) {
    event.respondWith(jaringanDulu(request));
  } else if (url.pathname.indexOf(KONFIG.prefiks_statis) === 0) {
    event.respondWith(cacheDulu(request));
  }
});

// Background Sync, where the browser has it: wake an open page to send what waits.
self.addEventListener("sync", function (event) {
  if (event.tag !== "sinergi-antrean") return;
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (clients) {
    clients.forEach(function (c) { c.postMessage({ sinergi: "kirim-antrean" }); });
  }));
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.sinergi === "lupakan-halaman") {
    event.waitUntil(caches.delete(HALAMAN));
  }
});

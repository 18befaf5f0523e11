// Sinergi's service worker (served by sinergi/portal/luring.py at /sw.js).
// - static files and the national map outline: precached at install, then cache first (their
//   URLs carry a content hash in production; the cache name carries the version of all of
//   them); any other static file, such as a province's regency boundaries, is kept the first
//   time a page fetches it;
// - the three field forms, and an event's one-tap check-in page once opened (KONFIG.pola):
//   network first, the last copy when there is no connection; the dashboard asks the worker
//   to keep the check-in pages of my next events ahead of time; a check-in page never kept
//   goes to the self check-in form instead;
// - a form sent from one of those pages while the phone seems online but nothing gets through
//   (weak signal): after a while the worker keeps it in the offline queue (the same IndexedDB
//   store as luring.js) and shows the form again; the page sends it when the signal returns.
//   A late success and the replay are one report: the server stores each key once;
// - everything else (other pages, the API, other POSTs): straight to the network, never cached;
// - Background Sync: the browser wakes the worker when the connection returns; with no page of
//   the site open, the worker sends what waits itself (kirimDariWorker).
// The page cache is emptied by the page at logout (luring.js), and never holds a redirect (a
// signed-out visit to the staff form) or an error page.
"use strict";
const KONFIG = {{ konfig|safe }};
importScripts(KONFIG.antrean); // SinergiAntrean: shared with the page (portal/antrean.js)
const STATIS = "sinergi-statis-" + KONFIG.versi;
const HALAMAN = "sinergi-halaman-" + KONFIG.versi;

const POLA = KONFIG.pola.map(function (p) { return { pola: new RegExp(p.pola), cadangan: p.cadangan }; });

function polaDari(url) {
  return POLA.find(function (p) { return p.pola.test(url.pathname); });
}

function halamanLuring(url) {
  return url.origin === self.location.origin &&
    (KONFIG.halaman.indexOf(url.pathname) >= 0 || polaDari(url) !== undefined);
}

// How long a form page or a form's POST may take before the cached copy / the queue takes over.
const TUNGGU_HALAMAN = 6000;
const TUNGGU_KIRIM = 20000;

function denganBatas(janji, ms) {
  return new Promise(function (ok, gagal) {
    const jam = setTimeout(function () { gagal(new Error("timeout")); }, ms);
    janji.then(function (r) { clearTimeout(jam); ok(r); }, function (e) { clearTimeout(jam); gagal(e); });
  });
}

async function antreDariKiriman(request, url) {
  const fd = await request.formData();
  const isian = [];
  fd.forEach(function (nilai, nama) {
    if (nama === "csrfmiddlewaretoken" || nama.indexOf("luring_") === 0) return;
    if (nilai instanceof Blob && !nilai.size && !nilai.name) return;
    isian.push([nama, nilai]);
  });
  const item = {
    id: fd.get("kunci_idempotensi") || fd.get("luring_kunci") || self.crypto.randomUUID(),
    jenis: fd.get("luring_jenis") || "",
    url: request.url,
    pengguna: fd.get("luring_pengguna") || "",
    dibuat: Date.now(),
    ringkasan: fd.get("luring_ringkasan") || "",
    isian: isian,
    galat: "",
    catatan: "",
  };
  const db = await SinergiAntrean.buka();
  await new Promise(function (ok, gagal) {
    const tx = db.transaction("antrean", "readwrite");
    tx.objectStore("antrean").put(item);
    tx.oncomplete = ok;
    tx.onerror = function () { gagal(tx.error); };
  });
  db.close();
  if (self.registration.sync) {
    self.registration.sync.register("sinergi-antrean").catch(function () { return null; });
  }
  return Response.redirect(url.pathname + "?antre=1", 303);
}

async function kirimAtauAntre(request) {
  const url = new URL(request.url);
  const cadangan = request.clone();
  try {
    return await denganBatas(fetch(request), TUNGGU_KIRIM);
  } catch (e) {
    return antreDariKiriman(cadangan, url);
  }
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
  const jaringan = fetch(request).then(function (response) {
    if (bolehSimpan(response) && !url.search) {
      const salinan = response.clone();
      caches.open(HALAMAN).then(function (cache) { return cache.put(kunci, salinan); });
    }
    return response;
  });
  try {
    return await denganBatas(jaringan, TUNGGU_HALAMAN);
  } catch (e) {
    // No answer (or a slow one) and a copy kept: the copy now; a late answer still refreshes it.
    const cached = await caches.match(kunci, { cacheName: HALAMAN, ignoreVary: true });
    if (cached) return cached;
    // An event's check-in page never opened on this phone, and no connection: its fallback
    // form (the self check-in), which is kept from the worker's install.
    const pola = polaDari(url);
    if (!pola) return jaringan;
    return jaringan.catch(function () { return Response.redirect(pola.cadangan, 302); });
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
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && request.mode === "navigate" && halamanLuring(url)) {
    event.respondWith(kirimAtauAntre(request));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && halamanLuring(url)) {
    event.respondWith(jaringanDulu(request));
  } else if (url.pathname.indexOf(KONFIG.prefiks_statis) === 0) {
    event.respondWith(cacheDulu(request));
  }
});

function dariStore(db, store, kerja, mode) {
  return new Promise(function (ok, gagal) {
    const tx = db.transaction(store, mode || "readonly");
    const hasil = kerja(tx.objectStore(store));
    tx.oncomplete = function () { ok(hasil && hasil.result); };
    tx.onerror = function () { gagal(tx.error); };
  });
}

// With no page of the site open, the worker sends what waits itself (the same request as
// luring.js's kirimSatu), so that a report queued before the browser was closed does not wait
// for the site to be opened again. Only a success is settled here: the item leaves the queue
// and is noted for the page's "sent" list; a refusal, or a sign-in the server asks for, is
// left for the page, which shows why. Items wait for the account that wrote them (the last
// one signed in on this phone). No connection yet: the promise fails and the browser tries
// the sync again later.
async function kirimDariWorker() {
  const db = await SinergiAntrean.buka();
  try {
    const items = (await dariStore(db, "antrean", function (s) { return s.getAll(); })) || [];
    const pengguna = (await dariStore(db, "meta", function (s) { return s.get("pengguna"); })) || "";
    const tunggu = items.filter(function (i) {
      return !i.galat && !SinergiAntrean.akunLain(i, pengguna);
    }).sort(function (a, b) { return a.dibuat - b.dibuat; });
    if (!tunggu.length) return;
    const token = (await (await fetch(KONFIG.token, { credentials: "same-origin", cache: "no-store" })).json()).token;
    for (const item of tunggu) {
      const data = await SinergiAntrean.diterima(await SinergiAntrean.kirim(item, token));
      if (!data) continue;
      const catatan = SinergiAntrean.catatan(item, data);
      await dariStore(db, "antrean", function (s) { s.delete(item.id); }, "readwrite");
      const lama = (await dariStore(db, "meta", function (s) { return s.get("terkirim-worker"); })) || [];
      await dariStore(db, "meta", function (s) {
        s.put([catatan].concat(lama).slice(0, 5), "terkirim-worker");
      }, "readwrite");
    }
  } finally {
    db.close();
  }
}

// One run at a time: a sync the browser fires by itself and another arriving meanwhile would
// both read the same items and note each as sent twice (the server stores it once anyway).
let kirimanBerjalan = null;
function kirimSekali() {
  if (!kirimanBerjalan) {
    kirimanBerjalan = kirimDariWorker().finally(function () { kirimanBerjalan = null; });
  }
  return kirimanBerjalan;
}

// Background Sync, where the browser has it: an open page sends what waits (and shows it);
// with none open, the worker does.
self.addEventListener("sync", function (event) {
  if (event.tag !== "sinergi-antrean") return;
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (clients) {
    if (!clients.length) return kirimSekali();
    clients.forEach(function (c) { c.postMessage({ sinergi: "kirim-antrean" }); });
    return null;
  }));
});

// Keep pages a page names ahead of time (the check-in pages of my next events), once each:
// only pages that open offline (KONFIG.pola), at most five, never over one already kept.
async function simpanHalaman(daftar) {
  const cache = await caches.open(HALAMAN);
  const url = daftar.slice(0, 5).map(function (u) { return new URL(u, self.location.origin); })
    .filter(function (u) { return u.origin === self.location.origin && polaDari(u) && !u.search; });
  await Promise.all(url.map(async function (u) {
    const kunci = u.origin + u.pathname;
    if (await cache.match(kunci, { ignoreVary: true })) return;
    try {
      const response = await fetch(kunci, { credentials: "same-origin" });
      if (bolehSimpan(response)) await cache.put(kunci, response);
    } catch (e) { /* no connection after all: kept on the first visit instead */ }
  }));
}

self.addEventListener("message", function (event) {
  if (event.data && event.data.sinergi === "lupakan-halaman") {
    event.waitUntil(caches.delete(HALAMAN));
  } else if (event.data && event.data.sinergi === "simpan-halaman" && Array.isArray(event.data.url)) {
    event.waitUntil(simpanHalaman(event.data.url));
  }
});

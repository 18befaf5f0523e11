// What the page (luring.js) and the service worker (sw.js) share about the offline queue:
// its database, whose a waiting item is, how it is sent again, and how a sent one is noted. Loaded by
// base.html before luring.js, and by the worker with importScripts.
(function (g) {
  "use strict";
  g.SinergiAntrean = {
    // The queue's database: "antrean" (the waiting items, by id) and "meta" (who used the
    // forms last on this phone, what the worker sent).
    buka: function () {
      return new Promise(function (ok, gagal) {
        var req = g.indexedDB.open("sinergi-luring", 1);
        req.onupgradeneeded = function () {
          req.result.createObjectStore("antrean", { keyPath: "id" });
          req.result.createObjectStore("meta");
        };
        req.onsuccess = function () { ok(req.result); };
        req.onerror = function () { gagal(req.error); };
      });
    },
    // An item another account on this phone wrote (the staff report, an event's one-tap
    // check-in): it waits until that account is signed in here.
    akunLain: function (item, pengguna) {
      return (item.jenis === "kejadian" || !!item.pengguna) && item.pengguna !== pengguna;
    },
    // The replay of a waiting item, as the form views expect it (core/luring.py).
    kirim: function (item, token) {
      var fd = new FormData();
      item.isian.forEach(function (pasangan) {
        var nilai = pasangan[1];
        if (nilai instanceof Blob) fd.append(pasangan[0], nilai, nilai.name || "lampiran");
        else fd.append(pasangan[0], nilai);
      });
      fd.set("csrfmiddlewaretoken", token);
      if (fd.has("kunci_idempotensi")) fd.set("kunci_idempotensi", item.id);
      return fetch(item.url, {
        method: "POST",
        body: fd,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, "Sinergi-Antrean": "1", "Idempotency-Key": item.id },
      });
    },
    // The server's JSON answer when the replay was taken; null for any other answer.
    diterima: function (r) {
      var jenisIsi = r.headers.get("Content-Type") || "";
      if (!r.ok || jenisIsi.indexOf("application/json") !== 0) return Promise.resolve(null);
      return r.json().then(function (data) { return data && data.terkirim ? data : null; });
    },
    // A sent item as the "sent" list keeps it.
    catatan: function (item, data) {
      return {
        ringkasan: item.ringkasan,
        jenis: item.jenis,
        waktu: Date.now(),
        lokasi: item.jenis === "kejadian" ? data.lokasi || "" : "",
        pesan: (data.pesan || []).join(" "),
      };
    },
  };
})(self);

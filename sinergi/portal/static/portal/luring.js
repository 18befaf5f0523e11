// Offline use of the field forms (staff report, public report, self check-in, an event's
// one-tap check-in):
// - registers the service worker (/sw.js), which lets those forms open without a connection;
// - a form marked `data-luring` sent while the phone is offline is kept in this browser
//   (IndexedDB, photos included) under its own Idempotency-Key, and sent when the connection
//   returns (the `online` event, every page load, Background Sync where there is one: with no
//   page of the site open, the service worker sends it itself and this page lists it). The
//   server stores a key once, so sending again never makes a second report. Sent while the
//   phone seems online, the form goes the ordinary way; if nothing gets through, the service
//   worker queues it the same way (sw.js) and opens the form again with the queue shown;
// - the box #antrean-luring (base.html) shows what is waiting and what was sent. Its texts are
//   data attributes rendered (and translated) by Django.
(function () {
  "use strict";
  var STORE = "antrean";
  var TERKIRIM = "sinergi:terkirim";
  var META = "meta";
  var kotak = null;
  var pengguna = "";
  var sedangKirim = false;

  function t(nama, isi) {
    var teks = (kotak && kotak.getAttribute("data-t-" + nama)) || "";
    Object.keys(isi || {}).forEach(function (k) { teks = teks.split("{" + k + "}").join(isi[k]); });
    return teks;
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); });
    return [h.slice(0, 4), h.slice(4, 6), h.slice(6, 8), h.slice(8, 10), h.slice(10)]
      .map(function (p) { return p.join(""); }).join("-");
  }

  // --- IndexedDB ----------------------------------------------------------------------------
  function transaksi(mode, kerja, store) {
    return window.SinergiAntrean.buka().then(function (db) {
      return new Promise(function (ok, gagal) {
        var tx = db.transaction(store || STORE, mode);
        var hasil = kerja(tx.objectStore(store || STORE));
        tx.oncomplete = function () { db.close(); ok(hasil && hasil.result); };
        tx.onerror = function () { db.close(); gagal(tx.error); };
      });
    });
  }
  function semua() {
    return transaksi("readonly", function (s) { return s.getAll(); }).then(function (rows) {
      return (rows || []).sort(function (a, b) { return a.dibuat - b.dibuat; });
    });
  }
  function simpan(item) { return transaksi("readwrite", function (s) { s.put(item); }); }
  function hapus(id) { return transaksi("readwrite", function (s) { s.delete(id); }); }
  // Who used the forms last on this device (to drop their cached pages for the next account).
  function gantiPengguna(baru) {
    return transaksi("readonly", function (s) { return s.get("pengguna"); }, META)
      .then(function (lama) {
        if (lama && lama !== baru) lupakanHalaman();
        return transaksi("readwrite", function (s) { s.put(baru, "pengguna"); }, META);
      });
  }

  // --- what was sent (this browser only, last five) -----------------------------------------
  function terkirim() {
    try { return JSON.parse(window.localStorage.getItem(TERKIRIM) || "[]"); } catch (e) { return []; }
  }
  function catatTerkirim(item, data) {
    var daftar = terkirim();
    daftar.unshift(window.SinergiAntrean.catatan(item, data));
    try { window.localStorage.setItem(TERKIRIM, JSON.stringify(daftar.slice(0, 5))); } catch (e) { /* full */ }
  }
  // What the service worker sent while no page was open (sw.js, kirimDariWorker): into the
  // "sent" list of this page.
  function ambilTerkirimWorker() {
    return transaksi("readonly", function (s) { return s.get("terkirim-worker"); }, META)
      .then(function (daftar) {
        if (!daftar || !daftar.length) return null;
        try {
          window.localStorage.setItem(TERKIRIM, JSON.stringify(daftar.concat(terkirim()).slice(0, 5)));
        } catch (e) { /* full */ }
        return transaksi("readwrite", function (s) { s.delete("terkirim-worker"); }, META);
      });
  }
  function lupakanHalaman() {
    try { window.localStorage.removeItem(TERKIRIM); } catch (e) { /* off */ }
    if (!window.caches) return Promise.resolve();
    return window.caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("sinergi-halaman-") === 0; })
        .map(function (n) { return window.caches.delete(n); }));
    });
  }

  // --- the forms ----------------------------------------------------------------------------
  function kunciForm(form) {
    var input = form.querySelector("input[name=kunci_idempotensi]");
    if (input && !input.value) input.value = uuid();
    return input;
  }
  // A form whose replay must be sent by the account that wrote it: the staff report, and an
  // event's one-tap check-in (`data-luring-akun`), which checks in whoever is signed in.
  function perAkun(form) {
    return form.getAttribute("data-luring") === "kejadian" || form.hasAttribute("data-luring-akun");
  }
  function akunLain(item) { return window.SinergiAntrean.akunLain(item, pengguna); }
  function ringkas(form) {
    if (form.getAttribute("data-luring-ringkasan")) {
      return form.getAttribute("data-luring-ringkasan").slice(0, 120);
    }
    var bagian = [];
    ["kategori", "kode_wilayah", "nama", "instansi"].forEach(function (nama) {
      var el = form.elements[nama];
      if (!el || !el.value) return;
      bagian.push(el.tagName === "SELECT" ? el.options[el.selectedIndex].text : el.value);
    });
    return bagian.join(" · ").slice(0, 120);
  }
  // For the service worker, should this submit not get through (luring_* fields: the server
  // ignores them): what kind of form, whose, what to call it in the waiting box.
  function tandai(form) {
    var data = {
      luring_jenis: form.getAttribute("data-luring"),
      luring_pengguna: perAkun(form) ? pengguna : "",
      luring_ringkasan: ringkas(form),
    };
    if (!form.querySelector("input[name=kunci_idempotensi]")) data.luring_kunci = uuid();
    Object.keys(data).forEach(function (nama) {
      var input = form.querySelector("input[name=" + nama + "]");
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = nama;
        form.appendChild(input);
      }
      input.value = data[nama];
    });
  }
  function antre(form) {
    var input = kunciForm(form);
    var isian = [];
    new FormData(form).forEach(function (nilai, nama) {
      if (nama === "csrfmiddlewaretoken" || nama.indexOf("luring_") === 0) return;
      if (nilai instanceof Blob && !nilai.size && !nilai.name) return;
      isian.push([nama, nilai]);
    });
    var jenis = form.getAttribute("data-luring");
    var item = {
      id: input ? input.value : uuid(),
      jenis: jenis,
      url: form.action,
      pengguna: perAkun(form) ? pengguna : "",
      dibuat: Date.now(),
      ringkasan: ringkas(form),
      isian: isian,
      galat: "",
      catatan: "",
    };
    return simpan(item).then(function () {
      form.reset();
      if (input) { input.value = ""; kunciForm(form); }
      daftarSync();
      return tampil();
    }).then(function () {
      if (kotak) kotak.scrollIntoView({ block: "start" });
    });
  }
  // A refused item back in the form on this page, to be corrected and sent as a new report
  // (a fresh key); it leaves the queue when the form is sent.
  function keFormulir(item, form) {
    var berkas = {};
    item.isian.forEach(function (pasangan) {
      var nama = pasangan[0];
      var nilai = pasangan[1];
      var el = form.elements[nama];
      if (!el || nama === "kunci_idempotensi") return;
      if (nilai instanceof Blob) {
        (berkas[nama] = berkas[nama] || []).push(
          nilai instanceof File ? nilai : new File([nilai], "lampiran", { type: nilai.type }));
      } else if (el.type !== "file") {
        el.value = nilai;
      }
    });
    Object.keys(berkas).forEach(function (nama) {
      try {
        var dt = new DataTransfer();
        berkas[nama].forEach(function (f) { dt.items.add(f); });
        form.elements[nama].files = dt.files;
      } catch (e) { /* this browser cannot refill a file input: the files must be chosen again */ }
    });
    var kunci = form.querySelector("input[name=kunci_idempotensi]");
    if (kunci) kunci.value = uuid();
    form.setAttribute("data-luring-asal", item.id);
    var details = form.querySelector("details");
    if (details && item.isian.some(function (p) { return details.querySelector("[name=" + p[0] + "]"); })) {
      details.open = true;
    }
    form.scrollIntoView({ block: "start" });
    var pertama = form.querySelector(".errorlist, input:not([type=hidden]), select, textarea");
    if (pertama && pertama.focus) pertama.focus();
  }
  function lepasAsal(form) {
    var asal = form.getAttribute("data-luring-asal");
    if (!asal) return Promise.resolve();
    form.removeAttribute("data-luring-asal");
    return hapus(asal);
  }
  function daftarSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.sync) return reg.sync.register("sinergi-antrean");
      return null;
    }).catch(function () { /* no Background Sync: the online event and page loads send */ });
  }

  // --- sending ------------------------------------------------------------------------------
  // One request at a time: without a CSRF cookie, two at once would each set a new secret and
  // the token of the first would not match the cookie of the second.
  var tokenBerjalan = null;
  function tokenCsrf() {
    if (tokenBerjalan) return tokenBerjalan;
    tokenBerjalan = fetch(kotak.getAttribute("data-token"), { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (d) { tokenBerjalan = null; return d.token; },
        function (e) { tokenBerjalan = null; throw e; });
    return tokenBerjalan;
  }
  // A form page opened from the cache carries the CSRF token of the day it was kept, which a
  // later login has replaced: once online, the forms get a fresh one before they are sent.
  function segarkanToken() {
    if (navigator.onLine === false || !document.querySelector("form[data-luring]")) return;
    tokenCsrf().then(function (token) {
      document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (i) {
        i.value = token;
      });
      var hx = document.body.getAttribute("hx-headers");
      if (hx) document.body.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": token }));
    }).catch(function () { /* no answer: the form keeps its token */ });
  }
  function galatDari(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var pesan = [];
    doc.querySelectorAll("main .errorlist li, main ul.errorlist > li").forEach(function (li) {
      var teks = li.textContent.trim();
      if (teks && pesan.indexOf(teks) < 0) pesan.push(teks);
    });
    return pesan.join(" ");
  }
  function kirimSatu(item) {
    return tokenCsrf().then(function (token) {
      return window.SinergiAntrean.kirim(item, token);
    }).then(function (r) {
      return window.SinergiAntrean.diterima(r).then(function (data) { return [r, data]; });
    }).then(function (hasil) {
      var r = hasil[0];
      if (hasil[1]) {
        catatTerkirim(item, hasil[1]);
        return hapus(item.id);
      }
      if (r.status === 422 || r.status === 409) {
        return r.text().then(function (html) {
          item.galat = galatDari(html) || t("ditolak");
          item.catatan = "";
          return simpan(item);
        });
      }
      // Signed out (the login page), a server error, an expired page: tried again later.
      item.catatan = r.redirected ? t("masuk") : t("server");
      return simpan(item);
    }, function () {
      return null; // still no connection: it keeps waiting
    });
  }
  function kirimSemua(hanya) {
    if (!kotak || sedangKirim) return Promise.resolve();
    if (navigator.onLine === false) return tampil();
    sedangKirim = true;
    return semua().then(function (items) {
      return items.reduce(function (janji, item) {
        return janji.then(function () {
          if (hanya ? item.id !== hanya : item.galat) return null;
          if (akunLain(item)) return null;
          return kirimSatu(item);
        });
      }, Promise.resolve());
    }).catch(function () { /* the database is unavailable: nothing to send */ })
      .then(function () { sedangKirim = false; return tampil(); });
  }

  // --- the box ------------------------------------------------------------------------------
  function jam(ms) {
    return new Date(ms).toLocaleTimeString(document.documentElement.lang || "id", {
      hour: "2-digit", minute: "2-digit",
    });
  }
  function tombol(teks, kerja) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "link";
    b.textContent = teks;
    b.addEventListener("click", kerja);
    return b;
  }
  function elemen(tag, kelas, teks) {
    var e = document.createElement(tag);
    if (kelas) e.className = kelas;
    if (teks) e.textContent = teks;
    return e;
  }
  function tampil() {
    if (!kotak) return Promise.resolve();
    return semua().catch(function () { return []; }).then(function (items) {
      var milikku = items.filter(function (i) { return !akunLain(i); });
      var lain = items.length - milikku.length;
      var sent = terkirim();
      var isi = document.createElement("div");
      if (milikku.length) {
        var laporan = milikku.filter(function (i) { return i.jenis.indexOf("hadir") !== 0; }).length;
        var hadir = milikku.length - laporan;
        var daftar = [];
        if (laporan) daftar.push(t("laporan", { n: laporan }));
        if (hadir) daftar.push(t("hadir", { n: hadir }));
        isi.appendChild(elemen("p", "antrean-judul", t("menunggu", { daftar: daftar.join(", ") })));
        isi.appendChild(elemen("p", "small", t("info")));
        var ul = elemen("ul", "antrean-daftar");
        milikku.forEach(function (item) {
          var li = elemen("li", item.galat ? "antrean-galat" : "");
          li.appendChild(elemen("span", "", (item.ringkasan || t("jenis-" + item.jenis)) + " — " +
            t("disimpan", { waktu: jam(item.dibuat) })));
          if (item.galat || item.catatan) {
            li.appendChild(elemen("span", "antrean-pesan", item.galat || item.catatan));
          }
          var aksi = elemen("span", "antrean-aksi");
          var formulir = document.querySelector("form[data-luring=" + item.jenis + "]");
          if (item.galat && formulir) {
            aksi.appendChild(tombol(t("ubah"), function () { keFormulir(item, formulir); }));
          }
          aksi.appendChild(tombol(t("coba"), function () { kirimSemua(item.id); }));
          aksi.appendChild(tombol(t("buang"), function () {
            if (window.confirm(t("buang-tanya"))) hapus(item.id).then(tampil);
          }));
          li.appendChild(aksi);
          ul.appendChild(li);
        });
        isi.appendChild(ul);
      }
      if (lain) isi.appendChild(elemen("p", "small", t("akun-lain", { n: lain })));
      if (sent.length) {
        var ulKirim = elemen("ul", "antrean-terkirim");
        sent.forEach(function (s) {
          var li = elemen("li", "", t("terkirim", { ringkasan: s.ringkasan || t("jenis-" + s.jenis) }) +
            " (" + jam(s.waktu) + ")" + (s.pesan ? " " + s.pesan : ""));
          if (s.lokasi) {
            var a = elemen("a", "", t("lihat"));
            a.href = s.lokasi;
            li.appendChild(document.createTextNode(" "));
            li.appendChild(a);
          }
          ulKirim.appendChild(li);
        });
        isi.appendChild(ulKirim);
        isi.appendChild(tombol(t("tutup"), function () {
          try { window.localStorage.removeItem(TERKIRIM); } catch (e) { /* off */ }
          tampil();
        }));
      }
      // Only a change is written: the box is a live region, read out each time it changes.
      if (isi.innerHTML !== kotak.innerHTML) {
        kotak.textContent = "";
        while (isi.firstChild) kotak.appendChild(isi.firstChild);
      }
      kotak.hidden = !items.length && !sent.length;
      kotak.setAttribute("data-menunggu", String(milikku.length));
    });
  }

  // --- start --------------------------------------------------------------------------------
  function mulai() {
    kotak = document.getElementById("antrean-luring");
    pengguna = document.body.getAttribute("data-pengguna") || "";
    if (!kotak || !window.indexedDB) return;
    // Another account on this device: the forms cached for the previous one are dropped.
    if (pengguna) gantiPengguna(pengguna).catch(function () { return null; });

    document.querySelectorAll("form[data-luring]").forEach(function (form) {
      kunciForm(form);
      // A check-in link (?kode=…) opened from the cache still fills in the event's code.
      var kode = new URLSearchParams(window.location.search).get("kode");
      if (kode && form.elements.kode && !form.elements.kode.value) form.elements.kode.value = kode;
    });
    document.addEventListener("submit", function (e) {
      var form = e.target;
      if (e.defaultPrevented || !form.matches) return;
      if (form.matches("form[data-keluar]")) {
        e.preventDefault();
        lupakanHalaman().catch(function () { return null; }).then(function () { form.submit(); });
        return;
      }
      if (!form.matches("form[data-luring]")) return;
      kunciForm(form);
      if (navigator.onLine !== false) { // the ordinary submit, keyed
        tandai(form);
        lepasAsal(form);
        return;
      }
      e.preventDefault();
      antre(form).then(function () { return lepasAsal(form); }).then(tampil);
    });
    window.addEventListener("online", function () { segarkanToken(); kirimSemua(); });
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(kotak.getAttribute("data-sw"), { scope: "/" })
        .catch(function () { /* not a secure context, or refused: the site works online */ });
      navigator.serviceWorker.addEventListener("message", function (e) {
        if (e.data && e.data.sinergi === "kirim-antrean") kirimSemua();
      });
    }
    // The check-in pages of my next events (the dashboard lists them), kept by the worker so
    // that their QR codes open in a hall without signal.
    var simpan = Array.prototype.map.call(document.querySelectorAll("[data-luring-simpan]"),
      function (el) { return el.getAttribute("data-luring-simpan"); });
    if (simpan.length && navigator.onLine !== false && "serviceWorker" in navigator) {
      navigator.serviceWorker.ready.then(function (reg) {
        if (reg.active) reg.active.postMessage({ sinergi: "simpan-halaman", url: simpan });
      }).catch(function () { /* no worker: the pages open online only */ });
    }
    // A connection that is "on" but carries nothing fires no event: look again now and then.
    window.setInterval(function () {
      if (kotak.getAttribute("data-menunggu") !== "0") kirimSemua();
    }, 30000);
    segarkanToken();
    ambilTerkirimWorker().catch(function () { return null; }).then(function () { return kirimSemua(); });
  }
  if (document.readyState !== "loading") mulai();
  else document.addEventListener("DOMContentLoaded", mulai);
})();

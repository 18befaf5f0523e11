// Sinergi's own small script for every page: the phone menu, the grouped main menu, phone cards,
// filter boxes, drafts, self-submitting selects, confirmations and print buttons. No inline
// handlers, so the Content-Security-Policy can forbid inline script.
(function () {
  "use strict";
  function siap(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  // Each cell of a "kartu" table is labelled with its column's header, for the phone layout.
  function labelKartu() {
    document.querySelectorAll("table.kartu").forEach(function (t) {
      var judul = Array.prototype.map.call(t.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      t.querySelectorAll("tbody tr").forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (td, i) {
          if (judul[i] && !td.hasAttribute("data-label")) td.setAttribute("data-label", judul[i]);
        });
      });
    });
  }
  // A table wider than the screen scrolls sideways; keyboard users reach it with Tab.
  function gulirFokus() {
    document.querySelectorAll(".table-wrap").forEach(function (w) {
      if (w.scrollWidth > w.clientWidth && !w.hasAttribute("tabindex")) w.setAttribute("tabindex", "0");
    });
  }
  // A long <select data-cari="Find …"> gets a filter box above it: type part of a name and
  // only the matching options remain (on a phone a plain select cannot be searched).
  function pilihanCari() {
    document.querySelectorAll("select[data-cari]").forEach(function (sel) {
      if (sel.dataset.cariSiap) return;
      sel.dataset.cariSiap = "1";
      var kotak = document.createElement("input");
      kotak.type = "search";
      kotak.className = "cari-pilihan";
      kotak.setAttribute("aria-label", sel.getAttribute("data-cari"));
      kotak.placeholder = sel.getAttribute("data-cari");
      kotak.setAttribute("aria-controls", sel.id);
      sel.parentNode.insertBefore(kotak, sel);
      kotak.addEventListener("input", function () {
        var kata = kotak.value.toLowerCase().split(/\s+/).filter(Boolean);
        var pertama = null;
        Array.prototype.forEach.call(sel.options, function (o) {
          var teks = (o.textContent + " " + (o.parentNode.label || "")).toLowerCase();
          var cocok = !o.value || kata.every(function (k) { return teks.indexOf(k) >= 0; });
          o.hidden = !cocok;
          if (cocok && o.value && pertama === null) pertama = o;
        });
        sel.querySelectorAll("optgroup").forEach(function (g) {
          g.hidden = !g.querySelector("option:not([hidden])");
        });
        if (kata.length && pertama && (!sel.value || sel.selectedOptions[0].hidden)) {
          pertama.selected = true;
        }
      });
    });
  }
  // Long text typed but not yet saved survives a press of another form's button, a reload or a
  // lost connection: <textarea data-draf="key"> is kept in this browser until its own form is
  // sent. A restored draft says so, with a button to go back to the saved text.
  function draf() {
    document.querySelectorAll("[data-draf]").forEach(function (el) {
      var kunci = "sinergi:draf:" + el.getAttribute("data-draf");
      var simpan = null;
      try { simpan = window.localStorage.getItem(kunci); } catch (e) { return; }
      if (simpan !== null && simpan === el.value) window.localStorage.removeItem(kunci);
      else if (simpan !== null) {
        var asli = el.value;
        el.value = simpan;
        var info = document.createElement("p");
        info.className = "msg msg-warning small draf-info";
        info.setAttribute("role", "status");
        info.textContent = el.getAttribute("data-draf-pulih") + " ";
        var buang = document.createElement("button");
        buang.type = "button";
        buang.className = "link";
        buang.textContent = el.getAttribute("data-draf-buang");
        buang.addEventListener("click", function () {
          el.value = asli;
          window.localStorage.removeItem(kunci);
          info.remove();
        });
        info.appendChild(buang);
        el.insertAdjacentElement("afterend", info);
      }
      el.addEventListener("input", function () {
        try { window.localStorage.setItem(kunci, el.value); } catch (e) { /* full or off */ }
      });
      if (el.form) {
        el.form.addEventListener("submit", function () { window.localStorage.removeItem(kunci); });
      }
    });
  }
  siap(function () {
    var tombol = document.querySelector(".nav-toggle");
    var nav = document.getElementById("nav");
    if (tombol && nav) {
      tombol.addEventListener("click", function () {
        var buka = nav.classList.toggle("open");
        tombol.setAttribute("aria-expanded", buka ? "true" : "false");
      });
    }
    var grup = Array.prototype.slice.call(document.querySelectorAll("nav .grup > details"));
    grup.forEach(function (d) {
      d.addEventListener("toggle", function () {
        if (!d.open) return;
        grup.forEach(function (lain) { if (lain !== d) lain.open = false; });
      });
    });
    document.addEventListener("click", function (e) {
      grup.forEach(function (d) { if (d.open && !d.contains(e.target)) d.open = false; });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      grup.forEach(function (d) {
        if (d.open) { d.open = false; d.querySelector("summary").focus(); }
      });
    });
    labelKartu();
    gulirFokus();
    pilihanCari();
    draf();
    document.body.addEventListener("htmx:afterSettle", function () { labelKartu(); gulirFokus(); });
    window.addEventListener("resize", gulirFokus);
  });
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("select[data-kirim-otomatis]") && el.form) el.form.submit();
  });
  // capture phase: runs before htmx's own listener on an hx-post form, so "Cancel" stops both
  document.addEventListener("submit", function (e) {
    var pesan = e.target.getAttribute && e.target.getAttribute("data-konfirmasi");
    if (pesan && !window.confirm(pesan)) { e.preventDefault(); e.stopPropagation(); }
  }, true);
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-cetak]")) window.print();
  });
})();

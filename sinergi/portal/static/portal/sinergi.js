// Sinergi's own small script for every page: the phone menu, the grouped main menu and
// self-submitting selects. No inline handlers, so the Content-Security-Policy can forbid them.
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
    document.body.addEventListener("htmx:afterSettle", function () { labelKartu(); gulirFokus(); });
    window.addEventListener("resize", gulirFokus);
    document.querySelectorAll("select[data-kirim-otomatis]").forEach(function (s) {
      s.addEventListener("change", function () { s.form.submit(); });
    });
  });
})();

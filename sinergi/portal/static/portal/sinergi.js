/* Small behaviours of every page, bound here instead of inline handlers (Content-Security-Policy
   allows no inline script): the menu toggle, selects that submit their form, confirmations
   before a form is sent, and print buttons. */
(function () {
  "use strict";
  function siap(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  siap(function () {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("nav");
    if (toggle && nav) {
      toggle.addEventListener("click", function () {
        toggle.setAttribute("aria-expanded", nav.classList.toggle("open"));
      });
    }
  });
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("select[data-kirim-otomatis]") && el.form) el.form.submit();
  });
  document.addEventListener("submit", function (e) {
    var pesan = e.target.getAttribute && e.target.getAttribute("data-konfirmasi");
    if (pesan && !window.confirm(pesan)) e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-cetak]")) window.print();
  });
})();

// Coverage map: regencies coloured by the share of organization × stage cells reached.
(function () {
  var el = document.getElementById("peta");
  if (!el || !window.L || !window.SinergiBatas) return;
  // Only the province shown: every regency on this map belongs to the province of data-prefix.
  var batas = JSON.parse(document.getElementById("batas").textContent).kabupaten_kota;
  var berkas = batas[el.dataset.prefix.slice(0, 2)];
  var map = L.map(el, { scrollWheelZoom: false });
  // numbers as the page's table shows them (sinergi.core.format): "45%", "1.234" in Indonesian
  var bahasa = document.documentElement.lang || "id";
  var persen = new Intl.NumberFormat(bahasa, { style: "percent", maximumFractionDigits: 0 });
  var angka = new Intl.NumberFormat(bahasa);
  function warna(p) {
    return p >= 75 ? "#1a9850" : p >= 50 ? "#91cf60" : p >= 25 ? "#fee08b" : p > 0 ? "#fc8d59" : "#d73027";
  }
  Promise.all([
    berkas ? SinergiBatas.ambil(berkas) : Promise.resolve({type: "FeatureCollection", features: []}),
    fetch(el.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }),
  ]).then(function (hasil) {
    var geo = hasil[0], data = hasil[1];
    var layer = L.geoJSON(geo, {
      filter: function (f) { return Object.prototype.hasOwnProperty.call(data, f.properties.kode); },
      style: function (f) {
        return { color: "#555", weight: 1, fillOpacity: 0.7, fillColor: warna(data[f.properties.kode].persen) };
      },
      onEachFeature: function (f, l) {
        var d = data[f.properties.kode];
        var div = document.createElement("div");
        div.textContent = d.nama + ": " + persen.format(d.persen / 100) + " (" + angka.format(d.tercapai) + "/" + angka.format(d.total) + ")";
        l.bindPopup(div);
      },
    }).addTo(map);
    if (layer.getLayers().length) map.fitBounds(layer.getBounds());
    else map.setView([-7.5, 112.5], 7);
    el.dataset.tergambar = layer.getLayers().length;  // drawn: the tests and bench/ wait for this
    if (window.performance && performance.mark) performance.mark("peta-tergambar");
    SinergiBatas.selesai();
  });
})();

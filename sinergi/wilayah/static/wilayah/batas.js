// Boundaries: a TopoJSON topology (built by `sinergi build_batas`) back into GeoJSON for Leaflet.
// Coordinates are delta-encoded integers on a grid (transform); rings list arcs, ~i = arc i reversed.
(function () {
  function geojson(topo) {
    var s = topo.transform.scale, d = topo.transform.translate;
    var arcs = topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) { x += p[0]; y += p[1]; return [x * s[0] + d[0], y * s[1] + d[1]]; });
    });
    function ring(ids) {
      var out = [];
      ids.forEach(function (i) {
        var a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        out.push.apply(out, out.length ? a.slice(1) : a);
      });
      return out;
    }
    var obj = topo.objects[Object.keys(topo.objects)[0]];
    return {type: "FeatureCollection", features: obj.geometries.map(function (g) {
      return {type: "Feature", properties: g.properties,
              geometry: {type: "MultiPolygon", coordinates: g.arcs.map(function (p) { return p.map(ring); })}};
    })};
  }
  var cache = {};
  // fetch + decode once per URL (the browser caches the file itself; this keeps the decoded copy).
  function ambil(url) {
    if (!cache[url]) cache[url] = fetch(url).then(function (r) { return r.json(); }).then(geojson);
    return cache[url];
  }
  // Scripts the page deferred until its map is drawn (htmx_nanti): loaded once.
  // Only once the document is complete: htmx loaded after DOMContentLoaded but before "load"
  // (readyState "interactive") waits for a DOMContentLoaded that never comes, and never starts.
  var dimuat = false;
  function selesai() {
    if (dimuat) return;
    if (document.readyState !== "complete") {
      window.addEventListener("load", selesai, {once: true});
      return;
    }
    dimuat = true;
    document.querySelectorAll("script[data-nanti]").forEach(function (el) {
      var s = document.createElement("script");
      s.src = el.dataset.nanti;
      document.head.appendChild(s);
    });
  }
  setTimeout(selesai, 8000);
  window.SinergiBatas = {geojson: geojson, ambil: ambil, selesai: selesai};
})();

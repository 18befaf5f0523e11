"""Early warning in a real Chromium on a phone-sized page: a spike of vote-buying reports
raises an alert; Polres Madiun's operator sees it on the regency dashboard (a marker on the
map) and in the alert list, acknowledges it, then closes it with a reason."""

import pytest

from sinergi.kejadian import peringatan as svc
from sinergi.kejadian.models import Peringatan
from sinergi.kejadian.tests.test_peringatan import buat_aturan, buat_kejadian

SANDI = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def async_aman(monkeypatch):
    """Playwright's event loop shares this thread: lift Django's async guard for this test."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_alert_seen_on_dashboard_acknowledged_and_closed(
    halaman, masuk_sebagai, wilayah_mini, pengguna_uji
):
    from sinergi.kejadian.models import KategoriKejadian
    from sinergi.wilayah.models import Wilayah

    KategoriKejadian.objects.create(kode="politik_uang", nama="Politik uang")
    Wilayah.objects.filter(kode="35.19.01").update(lat=-7.7, lng=111.5)
    aturan = buat_aturan(kategori="politik_uang", n=3, hari=3)
    buat_kejadian(n=3)
    assert len(svc.aturan_evaluasi(aturan)) == 1
    p = Peringatan.objects.get()

    user = pengguna_uji("polres_madiun", "operator")
    user.set_password(SANDI)
    user.save()
    masuk_sebagai(user, SANDI)

    halaman.goto("/kejadian/peringatan/dasbor/")
    assert halaman.locator("#jumlah-kejadian").inner_text() == "3"
    assert halaman.locator("#peringatan-aktif").inner_text() == "1"
    # Leaflet drew one circle marker for the district on the map.
    halaman.wait_for_selector("#peta-kejadian path.leaflet-interactive")
    assert halaman.locator("#peta-kejadian path.leaflet-interactive").count() == 1
    # Under it, the outlines and names of the province's regencies (compact boundaries).
    halaman.wait_for_selector("#peta-kejadian[data-batas]")
    assert halaman.locator("#peta-kejadian path.dsb-batas").count() > 30
    assert halaman.locator("#peta-kejadian .dsb-nama", has_text="Kabupaten Madiun").count() == 1

    halaman.click(f"a[href='/kejadian/peringatan/{p.pk}/']")
    halaman.wait_for_url(f"**/kejadian/peringatan/{p.pk}/")
    halaman.select_option("#id_status", "ditangani")
    halaman.click("form.tl-form button[type=submit]")
    halaman.wait_for_url(f"**/kejadian/peringatan/{p.pk}/")
    p.refresh_from_db()
    assert p.status == "ditangani"

    # Closing without a reason keeps the page and says why; with one it closes.
    halaman.select_option("#id_status", "ditutup")
    halaman.click("form.tl-form button[type=submit]")
    assert halaman.locator(".errorlist").count() >= 1
    p.refresh_from_db()
    assert p.status == "ditangani"
    halaman.select_option("#id_status", "ditutup")
    halaman.fill("#id_alasan", "Sudah ditindaklanjuti Polsek Kebonsari")
    halaman.click("form.tl-form button[type=submit]")
    halaman.wait_for_url(f"**/kejadian/peringatan/{p.pk}/")
    p.refresh_from_db()
    assert (p.status, p.status_alasan) == ("ditutup", "Sudah ditindaklanjuti Polsek Kebonsari")
    assert "Sudah ditindaklanjuti Polsek Kebonsari" in halaman.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("lebar", "hari"), [(390, 7), (390, 366), (1280, 366)])
def test_dashboard_time_chart_fits_its_card(
    halaman, masuk_sebagai, wilayah_mini, pengguna_uji, lebar, hari
):
    """One bar per day: for a week or a whole year the chart stays inside its card on a 390 px
    phone and on a desktop, and the page never scrolls sideways."""
    from sinergi.kejadian.models import KategoriKejadian

    KategoriKejadian.objects.create(kode="politik_uang", nama="Politik uang")
    buat_kejadian(n=3)
    user = pengguna_uji("polres_madiun", "operator")
    user.set_password(SANDI)
    user.save()
    masuk_sebagai(user, SANDI)

    halaman.set_viewport_size({"width": lebar, "height": 844})
    halaman.goto(f"/kejadian/peringatan/dasbor/?hari={hari}")
    assert halaman.locator(".dsb-bar .hari").count() == hari
    grafik = halaman.locator(".dsb-bar").bounding_box()
    kartu = halaman.locator(".card:has(> .dsb-bar)").bounding_box()
    assert grafik["width"] > 0 and grafik["height"] > 0
    assert grafik["x"] >= kartu["x"]
    assert grafik["x"] + grafik["width"] <= kartu["x"] + kartu["width"] + 0.5
    # The bars themselves, not only their box: the last day ends inside the chart.
    akhir = halaman.locator(".dsb-bar .hari").last.bounding_box()
    assert akhir["x"] + akhir["width"] <= grafik["x"] + grafik["width"] + 0.5
    bar = "document.querySelector('.dsb-bar')"
    assert halaman.evaluate(f"{bar}.scrollWidth <= {bar}.clientWidth")
    gulir = halaman.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert gulir[0] <= gulir[1]


NAMA_BERTUMPUK = """() => {
  const r = [...document.querySelectorAll("#peta-kejadian .dsb-nama")]
    .filter((e) => getComputedStyle(e).visibility !== "hidden")
    .map((e) => e.getBoundingClientRect());
  let n = 0;
  for (let i = 0; i < r.length; i++)
    for (let j = i + 1; j < r.length; j++)
      if (r[i].left < r[j].right && r[i].right > r[j].left
          && r[i].top < r[j].bottom && r[i].bottom > r[j].top) n++;
  return [r.length, n];
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_national_map_names_do_not_cover_each_other(
    halaman, masuk_sebagai, wilayah_mini, pengguna_uji
):
    """The national dashboard on a phone draws 38 provinces: the names that fit are shown,
    none covering another; zooming in shows more of them."""
    user = pengguna_uji("bawaslu_ri", "analis")
    user.set_password(SANDI)
    user.save()
    masuk_sebagai(user, SANDI)
    halaman.goto("/kejadian/peringatan/dasbor/")
    halaman.wait_for_selector("#peta-kejadian[data-batas]")
    assert halaman.locator("#peta-kejadian .dsb-nama").count() == 38
    tampil, tumpuk = halaman.evaluate(NAMA_BERTUMPUK)
    assert tumpuk == 0 and 5 <= tampil < 38, (tampil, tumpuk)

    halaman.locator("#peta-kejadian .leaflet-control-zoom-in").click()
    halaman.wait_for_function(
        f"() => Number(document.getElementById('peta-kejadian').dataset.nama) > {tampil}"
    )
    assert halaman.evaluate(NAMA_BERTUMPUK)[1] == 0

"""Accessibility of the main pages, checked with axe-core (issue 14, item 7).

axe-core comes from the npm registry as a test-only tool (`package.json`, `npm ci`; `.ci/run`
installs it), is read from `node_modules/` and evaluated in the page: nothing is fetched from
the internet and nothing of it is served to users. The pages are opened as a visitor and as a
regency operator, on a 390 px phone and a 1366 px laptop; no critical or serious violation may
remain.
"""

from pathlib import Path

import pytest

from sinergi.portal.tests.conftest import SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"

PUBLIK = [
    "/",
    "/tahapan/",
    "/regulasi/",
    "/kegiatan/",
    "/kerawanan/",
    "/kejadian/publik/",
    "/kejadian/publik/lapor/",
    "/wilayah/",
    "/pemangku/",
    "/komunikasi/materi/",
    "/akun/masuk/",
]
STAF = [
    "/dasbor/",
    "/kejadian/",
    "/kejadian/lapor/",
    "/kejadian/peringatan/",
    "/kegiatan/",
    "/kegiatan/baru/",
    "/kegiatan/cakupan/",
    "/tindak-lanjut/",
    "/komunikasi/",
    "/komunikasi/pengumuman/",
    "/akun/saya/",
]
JALANKAN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations
    .filter(v => v.impact === 'critical' || v.impact === 'serious')
    .map(v => v.id + ' (' + v.impact + '): '
      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""


@pytest.fixture
def axe_source():
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci` in the repository")
    return AXE.read_text()


def _periksa(halaman, paths, axe_source) -> list[str]:
    temuan = []
    for path in paths:
        response = halaman.goto(path)
        assert response.status == 200, path
        halaman.evaluate(axe_source)
        temuan += [f"{path}: {v}" for v in halaman.evaluate(JALANKAN)]
    return temuan


@pytest.mark.parametrize("lebar", [390, 1366])
def test_main_pages_have_no_serious_accessibility_violation(
    halaman, masuk_sebagai, isi, axe_source, lebar
):
    """Public pages as a visitor, then staff pages as a regency operator: axe-core finds no
    critical or serious violation at phone and laptop width."""
    halaman.set_viewport_size({"width": lebar, "height": 900})
    temuan = _periksa(halaman, PUBLIK, axe_source)
    masuk_sebagai(isi, SANDI)
    temuan += _periksa(halaman, STAF, axe_source)
    assert temuan == []

"""What a tired operator on a phone sees: every button readable, the menu in one row on a laptop
and a working menu on a phone (issue 14, items 2 and 3)."""

import pytest

from sinergi.portal.tests.conftest import SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# The WCAG contrast ratio of each visible button against what is painted behind it. The
# background is found by walking up the ancestors and compositing translucent colours.
KONTRAS_JS = """
() => {
  const rgba = (s) => {
    const m = s.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(',').map((x) => parseFloat(x));
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const atas = (a, b) => {  // a painted over b
    const al = a[3] + b[3] * (1 - a[3]);
    if (al === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (a[i] * a[3] + b[i] * b[3] * (1 - a[3])) / al).concat([al]);
  };
  const latar = (el) => {
    let warna = [0, 0, 0, 0];
    for (let n = el; n; n = n.parentElement) {
      warna = atas(warna, rgba(getComputedStyle(n).backgroundColor));
      if (warna[3] >= 0.999) return warna;
    }
    return atas(warna, [255, 255, 255, 1]);
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const hasil = [];
  for (const el of document.querySelectorAll('button, .button, input[type=submit], summary')) {
    const r = el.getBoundingClientRect();
    const gaya = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || gaya.visibility === 'hidden') continue;
    if (!el.innerText.trim()) continue;
    const bg = latar(el);
    const fg = atas(rgba(gaya.color), bg);
    const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    hasil.push({teks: el.innerText.trim().slice(0, 40), rasio: (l1 + 0.05) / (l2 + 0.05)});
  }
  return hasil;
}
"""


@pytest.fixture
def operator_dengan_isi(pengguna_uji):
    """An organization admin of KPU Kabupaten Madiun with what makes the link-styled buttons
    appear: an unread notification, an API token and a member to deactivate."""
    from sinergi.akses.services import token_create
    from sinergi.komunikasi.services import notifikasi_kirim

    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    admin.set_password(SANDI)
    admin.save()
    pengguna_uji("kpu_madiun", "operator")
    notifikasi_kirim(penerima=[admin], jenis="pengumuman", judul="Rapat koordinasi besok")
    token_create(pelaku=admin, nama="skrip rekap", hari=30)
    return admin


HALAMAN_STAF = ["/dasbor/", "/komunikasi/", "/akun/token/", "/akun/anggota/", "/tahapan/"]


def test_every_button_is_readable_on_the_main_pages(halaman, masuk_sebagai, operator_dengan_isi):
    """Every visible button (link-styled ones too) has text at least 4.5:1 against what is
    behind it: 'Tandai semua sudah dibaca', the inbox titles, 'Cabut', member actions."""
    masuk_sebagai(operator_dengan_isi, SANDI)
    diperiksa = []
    for path in HALAMAN_STAF:
        halaman.goto(path)
        for tombol in halaman.evaluate(KONTRAS_JS):
            diperiksa.append(tombol["teks"])
            assert tombol["rasio"] >= 4.5, f"{path}: {tombol['teks']!r} {tombol['rasio']:.2f}:1"
    # The buttons the report named were among those checked.
    for teks in ["Tandai semua sudah dibaca", "Rapat koordinasi besok", "Cabut", "Nonaktifkan"]:
        assert any(teks in d for d in diperiksa), teks


def test_menu_is_one_row_on_a_laptop_and_opens_on_a_phone(halaman, masuk_sebagai, pengguna_uji):
    """At 1366 px the signed-in menu fits one row; at 390 px it hides behind 'Menu', opens on
    a tap, and a group ('Kerawanan & kejadian') unfolds to its pages, staff pages marked."""
    user = pengguna_uji("kpu_madiun", "operator")
    user.set_password(SANDI)
    user.save()
    masuk_sebagai(user, SANDI)
    halaman.set_viewport_size({"width": 1366, "height": 800})
    halaman.goto("/tahapan/")
    tops = halaman.evaluate(
        "() => [...document.querySelectorAll('#nav > ul > li')].map(li => li.offsetTop)"
    )
    assert len(tops) <= 6 and len(set(tops)) == 1, tops
    # A group opens as a panel below the bar, and one open group closes the other.
    halaman.get_by_text("Tahapan & regulasi").click()
    assert halaman.get_by_role("link", name="Regulasi").is_visible()
    halaman.get_by_text("Kerawanan & kejadian").click()
    assert not halaman.get_by_role("link", name="Regulasi").is_visible()
    assert halaman.get_by_role("link", name="Peringatan dini Staf").is_visible()

    halaman.set_viewport_size({"width": 390, "height": 844})
    halaman.goto("/tahapan/")
    assert not halaman.get_by_text("Kerawanan & kejadian").is_visible()
    halaman.get_by_role("button", name="Menu").click()
    halaman.get_by_text("Kerawanan & kejadian").click()
    halaman.get_by_role("link", name="Kejadian Staf").click()
    halaman.wait_for_url("**/kejadian/")


def test_public_menu_has_no_staff_pages(halaman):
    """A visitor's menu offers the public pages (report an incident) and no staff-only ones."""
    halaman.set_viewport_size({"width": 1366, "height": 800})
    halaman.goto("/tahapan/")
    teks = halaman.locator("#nav").inner_text()
    assert "Staf" not in teks
    halaman.get_by_text("Kerawanan & kejadian").click()
    assert halaman.get_by_role("link", name="Laporkan kejadian").is_visible()


@pytest.mark.parametrize("path", ["/kejadian/", "/tindak-lanjut/", "/kegiatan/"])
def test_lists_are_cards_on_a_phone(halaman, masuk_sebagai, isi, path):
    """At 390 px the incident, follow-up and event lists show each row as a card that fits the
    screen, each value under its column's name, instead of a squeezed wide table."""
    masuk_sebagai(isi, SANDI)
    halaman.goto(path)
    kartu = halaman.evaluate(
        """() => [...document.querySelectorAll('table.kartu tbody tr')].map(tr => ({
             kanan: tr.getBoundingClientRect().right,
             tinggi: tr.getBoundingClientRect().height,
             label: [...tr.children].slice(1).map(td => td.dataset.label || ''),
           }))"""
    )
    assert kartu, "no list rows"
    header = halaman.evaluate(
        "() => [...document.querySelectorAll('table.kartu thead th')].slice(1)"
        ".map(th => th.textContent.trim())"
    )
    for k in kartu:
        assert k["kanan"] <= 390 and k["tinggi"] < 330, k
        assert k["label"] == header
    assert halaman.evaluate("() => document.documentElement.scrollWidth") <= 390

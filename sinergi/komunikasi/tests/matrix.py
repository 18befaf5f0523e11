"""Who gets what from each komunikasi page and API operation (see docs/akses.md).

Everything needs a signed-in user (anonymous: 302 to the login page, 401 in the API).
Announcements: the author organization (Polres Madiun, `sendiri`) and its recipients (here
KPU Kabupaten Madiun, `sama`) see them; system admins see all; anyone else gets 404. The
receipts, reminders and export belong to the author organization's admin_lembaga,
koordinator and operator. Announcing: admin_lembaga, koordinator and operator of any
organization (the audience is then checked against their scope). Threads follow the
confidentiality level like everything else. Page writes are not tried anonymously here (a
login redirect changes nothing; `test_views.py` covers it).
"""

from django.utils import timezone

from sinergi.akses.testing import (
    KERAHASIAAN,
    PERAN,
    PIMPINAN,
    Rule,
    baca,
    masuk,
    peran,
    semua,
    sendiri,
)
from sinergi.core.models import Kerahasiaan
from sinergi.komunikasi.models import (
    Notifikasi,
    Penerimaan,
    Pengumuman,
    Pos,
    PreferensiNotifikasi,
    Utas,
)

PENULIS = {"admin_sistem", "admin_lembaga", "koordinator", "operator"}
AUDIENS = {"audiens_jenis": ["kpu", "polri"], "audiens_wilayah": []}


def buat_pengumuman(k, perlu_tanda_terima=False):
    """An announcement by Polres Madiun; the actor is a recipient when it belongs to KPU
    Kabupaten Madiun; one other recipient has not read it."""
    p = Pengumuman.objects.create(
        lembaga=k.pemilik,
        wilayah_id=k.wilayah,
        judul="Pengamanan kampanye",
        isi="Mohon koordinasi.",
        perlu_tanda_terima=perlu_tanda_terima,
        audiens_jenis=["kpu"],
        audiens_wilayah=[k.wilayah],
        dikirim_at=timezone.now(),
    )
    lain = k.pengguna_uji("kpu_madiun", "pengamat")
    penerima = {lain}
    if not k.anonim and k.relasi == "sama":
        penerima.add(k.pengguna)
    for u in penerima:
        Penerimaan.objects.create(
            pengumuman=p, pengguna=u, lembaga=u.lembaga, dikirim_at=timezone.now()
        )
    return p


def buat_pengumuman_tt(k):
    return buat_pengumuman(k, perlu_tanda_terima=True)


def lihat(ok):
    """Recipients (sama), the author organization (sendiri) and system admins."""

    def f(k):
        if k.anonim:
            return 401 if k.api else 302
        if k.peran == "admin_sistem" or k.relasi in {"sendiri", "sama"}:
            return ok
        return 404

    return f


def penerima(ok):
    """Only recipients (KPU Kabupaten Madiun, any role)."""

    def f(k):
        if k.anonim:
            return 401 if k.api else 302
        return ok if k.relasi == "sama" else 404

    return f


def buat_notifikasi(k):
    """An inbox item of the operator of Polres Madiun."""
    return Notifikasi.objects.create(
        pengguna=k.pengguna_uji("polres_madiun", "operator"),
        jenis="undangan",
        judul="Undangan rakor",
        tautan="/komunikasi/",
    )


def pemilik_notifikasi(ok):
    def f(k):
        if k.anonim:
            return 401 if k.api else 302
        return ok if (k.relasi, k.peran) == ("sendiri", "operator") else 404

    return f


def buat_utas(k):
    """A thread of Polres Madiun in 35.19 at k.kerahasiaan, started by its operator."""
    u = Utas.objects.create(
        judul="Pengamanan APK",
        lembaga=k.pemilik,
        pembuat=k.pengguna_uji("polres_madiun", "operator"),
        wilayah_id=k.wilayah,
        topik="kampanye",
        kerahasiaan=k.kerahasiaan or Kerahasiaan.RESTRICTED,
    )
    Pos.objects.create(utas=u, penulis=u.pembuat, isi="Pos pertama")
    return u


def baca_masuk(k):
    if k.anonim:
        return 401 if k.api else 302
    return baca()(k)


def moderator(ok):
    """System admins, the thread organization's leadership, KPU/Bawaslu leadership in scope."""

    def f(k):
        if k.anonim:
            return 401 if k.api else 302
        if k.peran == "admin_sistem":
            return ok
        if k.relasi == "sendiri":
            return ok if k.peran in PIMPINAN else 404
        return ok if k.peran in PIMPINAN and k.dalam_lingkup else 404

    return f


def bukan_pengamat(expect):
    """`expect`, but a viewer (pengamat: read only) gets 404 on a discussion write."""

    def f(k):
        if not k.anonim and k.peran == "pengamat":
            return 404
        return expect(k)

    return f


def buat_utas_pelaku(k):
    """`buat_utas`, but started by the actor (a viewer who started it still cannot resolve)."""
    u = buat_utas(k)
    if not k.anonim:
        Utas.objects.filter(pk=u.pk).update(pembuat=k.pengguna)
    return u


def penyelesai(ok):
    """Moderators, plus the thread organization's writers (its operator started it)."""

    def f(k):
        if not k.anonim and k.relasi == "sendiri" and k.peran in PENULIS:
            return ok
        return moderator(ok)(k)

    return f


def buat_lampiran(k):
    """An attachment of `buat_pengumuman`'s announcement (the file is stored once)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from sinergi.komunikasi.models import LampiranPengumuman

    jalur = "komunikasi/uji/matriks.pdf"
    if not default_storage.exists(jalur):
        default_storage.save(jalur, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return LampiranPengumuman.objects.create(
        pengumuman=buat_pengumuman(k),
        berkas=jalur,
        nama_berkas="pkpu.pdf",
        jenis_berkas="pdf",
        ukuran=15,
    )


def buat_lampiran_pos(k):
    """An attachment on the first post of `buat_utas`'s thread."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from sinergi.komunikasi.models import LampiranPos

    jalur = "komunikasi/uji/pos-matriks.pdf"
    if not default_storage.exists(jalur):
        default_storage.save(jalur, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return LampiranPos.objects.create(
        pos=buat_utas(k).pos.get(),
        berkas=jalur,
        nama_berkas="se.pdf",
        jenis_berkas="pdf",
        ukuran=15,
    )


RULES = [
    # --- API: announcements
    Rule(
        "POST /api/v1/komunikasi/pengumuman/pratinjau",
        peran(PENULIS, 200, anonim=401, dalam_lingkup=False),
        data=AUDIENS,
    ),
    Rule("GET /api/v1/komunikasi/pengumuman", masuk(200)),
    Rule(
        "POST /api/v1/komunikasi/pengumuman",
        peran(PENULIS, 201, anonim=401, dalam_lingkup=False),
        data={"judul": "Uji", "isi": "Isi", **AUDIENS},
        state=lambda k, obj: Pengumuman.objects.count(),
    ),
    Rule(
        "GET /api/v1/komunikasi/pengumuman/{id}",
        lihat(200),
        setup=buat_pengumuman,
        path=lambda k, obj: f"/api/v1/komunikasi/pengumuman/{obj.pk}",
    ),
    Rule(
        "POST /api/v1/komunikasi/pengumuman/{id}/baca",
        penerima(200),
        setup=buat_pengumuman,
        path=lambda k, obj: f"/api/v1/komunikasi/pengumuman/{obj.pk}/baca",
        state=lambda k, obj: Penerimaan.objects.filter(dibaca_at__isnull=False).count(),
    ),
    Rule(
        "POST /api/v1/komunikasi/pengumuman/{id}/tanda-terima",
        penerima(200),
        setup=buat_pengumuman_tt,
        path=lambda k, obj: f"/api/v1/komunikasi/pengumuman/{obj.pk}/tanda-terima",
        state=lambda k, obj: Penerimaan.objects.filter(diakui_at__isnull=False).count(),
    ),
    Rule(
        "GET /api/v1/komunikasi/pengumuman/{id}/penerimaan",
        sendiri(PENULIS, 200),
        setup=buat_pengumuman,
        path=lambda k, obj: f"/api/v1/komunikasi/pengumuman/{obj.pk}/penerimaan",
    ),
    Rule(
        "POST /api/v1/komunikasi/pengumuman/{id}/ingatkan",
        sendiri(PENULIS, 200),
        setup=buat_pengumuman,
        path=lambda k, obj: f"/api/v1/komunikasi/pengumuman/{obj.pk}/ingatkan",
        state=lambda k, obj: Penerimaan.objects.filter(diingatkan_at__isnull=False).count(),
    ),
    # --- API: inbox and preferences
    Rule("GET /api/v1/komunikasi/notifikasi", masuk(200)),
    Rule("GET /api/v1/komunikasi/notifikasi/belum-dibaca", masuk(200)),
    Rule(
        "POST /api/v1/komunikasi/notifikasi/{id}/baca",
        pemilik_notifikasi(200),
        setup=buat_notifikasi,
        path=lambda k, obj: f"/api/v1/komunikasi/notifikasi/{obj.pk}/baca",
        state=lambda k, obj: Notifikasi.objects.get(pk=obj.pk).dibaca_at,
    ),
    Rule("GET /api/v1/komunikasi/preferensi", masuk(200)),
    Rule(
        "PUT /api/v1/komunikasi/preferensi",
        masuk(200),
        data={"preferensi": {"sebutan": "aplikasi"}},
        state=lambda k, obj: PreferensiNotifikasi.objects.count(),
    ),
    # --- API: threads
    Rule("GET /api/v1/komunikasi/utas", masuk(200)),
    Rule(
        "POST /api/v1/komunikasi/utas",
        bukan_pengamat(masuk(201)),
        data={"judul": "Pertanyaan", "isi": "Bagaimana?", "topik": "kampanye"},
        state=lambda k, obj: Utas.objects.count(),
    ),
    Rule(
        "GET /api/v1/komunikasi/utas/{id}",
        baca_masuk,
        setup=buat_utas,
        path=lambda k, obj: f"/api/v1/komunikasi/utas/{obj.pk}",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /api/v1/komunikasi/utas/{id}/pos",
        lambda k: 401 if k.anonim else bukan_pengamat(baca(201))(k),
        setup=buat_utas,
        path=lambda k, obj: f"/api/v1/komunikasi/utas/{obj.pk}/pos",
        data={"isi": "Balasan"},
        state=lambda k, obj: Pos.objects.count(),
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /api/v1/komunikasi/utas/{id}/selesai",
        penyelesai(200),
        setup=buat_utas,
        path=lambda k, obj: f"/api/v1/komunikasi/utas/{obj.pk}/selesai",
        data={"kesimpulan": "Disepakati."},
        state=lambda k, obj: Utas.objects.get(pk=obj.pk).selesai,
    ),
    Rule(
        "POST /api/v1/komunikasi/utas/{id}/selesai",
        lambda k: 401 if k.anonim else bukan_pengamat(baca(200))(k),
        setup=buat_utas_pelaku,
        path=lambda k, obj: f"/api/v1/komunikasi/utas/{obj.pk}/selesai",
        data={"kesimpulan": "Disepakati."},
        state=lambda k, obj: Utas.objects.get(pk=obj.pk).selesai,
        kerahasiaan=(Kerahasiaan.RESTRICTED,),
        nama="pemula",
    ),
    Rule(
        "POST /api/v1/komunikasi/pos/{id}/sembunyikan",
        moderator(200),
        setup=lambda k: buat_utas(k).pos.get(),
        path=lambda k, obj: f"/api/v1/komunikasi/pos/{obj.pk}/sembunyikan",
        data={"alasan": "Tidak relevan"},
        state=lambda k, obj: Pos.objects.get(pk=obj.pk).disembunyikan,
    ),
    # --- Pages: inbox
    Rule("GET /komunikasi/", masuk(200)),
    Rule("GET /komunikasi/belum-dibaca/", masuk(200)),
    Rule(
        "POST /komunikasi/notifikasi/<int:pk>/baca/",
        pemilik_notifikasi(302),
        setup=buat_notifikasi,
        path=lambda k, obj: f"/komunikasi/notifikasi/{obj.pk}/baca/",
        state=lambda k, obj: Notifikasi.objects.get(pk=obj.pk).dibaca_at,
        peran=PERAN,
    ),
    Rule(
        "POST /komunikasi/notifikasi/baca-semua/",
        masuk(302),
        state=lambda k, obj: Notifikasi.objects.filter(dibaca_at__isnull=True).count(),
        berubah=False,
        peran=PERAN,
    ),
    Rule("GET /komunikasi/preferensi/", masuk(200), nama="lihat"),
    Rule(
        "POST /komunikasi/preferensi/",
        masuk(302),
        data={"sebutan": "aplikasi"},
        state=lambda k, obj: PreferensiNotifikasi.objects.count(),
        peran=PERAN,
        nama="simpan",
    ),
    # --- Pages: announcements
    Rule("GET /komunikasi/pengumuman/", masuk(200)),
    Rule(
        "GET /komunikasi/pengumuman/baru/",
        peran(PENULIS, 200, dalam_lingkup=False),
        nama="formulir",
    ),
    Rule(
        "POST /komunikasi/pengumuman/baru/",
        peran(PENULIS, 302, dalam_lingkup=False),
        data={
            "judul": "Uji",
            "isi": "Isi",
            "prioritas": "biasa",
            "kerahasiaan": "RESTRICTED",
            "audiens_jenis": ["kpu", "polri"],
        },
        state=lambda k, obj: Pengumuman.objects.count(),
        peran=PERAN,
        nama="kirim",
    ),
    Rule(
        "POST /komunikasi/pengumuman/pratinjau/",
        peran(PENULIS, 200, dalam_lingkup=False),
        data={"audiens_jenis": ["kpu", "polri"]},
        peran=PERAN,
    ),
    Rule(
        "GET /komunikasi/pengumuman/<int:pk>/",
        lihat(200),
        setup=buat_pengumuman,
        path=lambda k, obj: f"/komunikasi/pengumuman/{obj.pk}/",
    ),
    Rule(
        "GET /komunikasi/pengumuman/<int:pk>/lampiran/<int:lampiran_pk>/",
        lihat(200),
        setup=buat_lampiran,
        path=lambda k, obj: f"/komunikasi/pengumuman/{obj.pengumuman_id}/lampiran/{obj.pk}/",
    ),
    Rule(
        "POST /komunikasi/pengumuman/<int:pk>/tanda-terima/",
        lambda k: 302 if k.relasi == "sama" else 404,
        setup=buat_pengumuman_tt,
        path=lambda k, obj: f"/komunikasi/pengumuman/{obj.pk}/tanda-terima/",
        state=lambda k, obj: Penerimaan.objects.filter(diakui_at__isnull=False).count(),
        peran=PERAN,
    ),
    Rule(
        "GET /komunikasi/pengumuman/<int:pk>/penerimaan/",
        sendiri(PENULIS, 200),
        setup=buat_pengumuman,
        path=lambda k, obj: f"/komunikasi/pengumuman/{obj.pk}/penerimaan/",
    ),
    Rule(
        "GET /komunikasi/pengumuman/<int:pk>/penerimaan.xlsx",
        sendiri(PENULIS, 200),
        setup=buat_pengumuman,
        path=lambda k, obj: f"/komunikasi/pengumuman/{obj.pk}/penerimaan.xlsx",
    ),
    Rule(
        "GET /komunikasi/pengumuman/<int:pk>/penerimaan.pdf",
        sendiri(PENULIS, 200),
        setup=buat_pengumuman,
        path=lambda k, obj: f"/komunikasi/pengumuman/{obj.pk}/penerimaan.pdf",
    ),
    Rule(
        "POST /komunikasi/pengumuman/<int:pk>/ingatkan/",
        sendiri(PENULIS, 302),
        setup=buat_pengumuman,
        path=lambda k, obj: f"/komunikasi/pengumuman/{obj.pk}/ingatkan/",
        state=lambda k, obj: Penerimaan.objects.filter(diingatkan_at__isnull=False).count(),
        peran=PERAN,
    ),
    # --- Pages: discussion rooms
    Rule("GET /komunikasi/diskusi/", masuk(200), nama="daftar"),
    Rule(
        "POST /komunikasi/diskusi/",
        bukan_pengamat(masuk(302)),
        data={"judul": "Pertanyaan", "isi": "Bagaimana?", "kerahasiaan": "RESTRICTED"},
        state=lambda k, obj: Utas.objects.count(),
        peran=PERAN,
        nama="buat",
    ),
    Rule(
        "GET /komunikasi/diskusi/<int:pk>/",
        baca_masuk,
        setup=buat_utas,
        path=lambda k, obj: f"/komunikasi/diskusi/{obj.pk}/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /komunikasi/diskusi/<int:pk>/pos/",
        bukan_pengamat(baca(302)),
        setup=buat_utas,
        path=lambda k, obj: f"/komunikasi/diskusi/{obj.pk}/pos/",
        data={"isi": "Balasan"},
        state=lambda k, obj: Pos.objects.count(),
        kerahasiaan=KERAHASIAAN,
        peran=PERAN,
    ),
    Rule(
        "POST /komunikasi/diskusi/<int:pk>/selesai/",
        penyelesai(302),
        setup=buat_utas,
        path=lambda k, obj: f"/komunikasi/diskusi/{obj.pk}/selesai/",
        data={"kesimpulan": "Disepakati."},
        state=lambda k, obj: Utas.objects.get(pk=obj.pk).selesai,
        peran=PERAN,
    ),
    Rule(
        "GET /komunikasi/pos/<int:pk>/lampiran/<int:lampiran_pk>/",
        baca_masuk,
        setup=buat_lampiran_pos,
        path=lambda k, obj: f"/komunikasi/pos/{obj.pos_id}/lampiran/{obj.pk}/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /komunikasi/pos/<int:pk>/sembunyikan/",
        moderator(302),
        setup=lambda k: buat_utas(k).pos.get(),
        path=lambda k, obj: f"/komunikasi/pos/{obj.pk}/sembunyikan/",
        data={"alasan": "Tidak relevan"},
        state=lambda k, obj: Pos.objects.get(pk=obj.pk).disembunyikan,
        peran=PERAN,
    ),
]


# --- Public socialization materials
def buat_tahapan(k):
    from sinergi.tahapan.models import Pemilu, Tahapan

    p = Pemilu.objects.create(slug="pemilu-matriks", jenis="pemilu", nama="Pemilu Matriks")
    return Tahapan.objects.create(pemilu=p, kode="T09", nama="Kampanye", urutan=9)


def _materi(k, lembaga, kerahasiaan):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from sinergi.komunikasi.models import MateriSosialisasi

    jalur = "komunikasi/uji/materi-matriks.pdf"
    if not default_storage.exists(jalur):
        default_storage.save(jalur, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    m = MateriSosialisasi.objects.create(
        judul="Cara mencoblos",
        penjelasan="Bawa undangan dan KTP-el.",
        jenis="leaflet",
        berkas=jalur,
        nama_berkas="leaflet.pdf",
        jenis_berkas="pdf",
        ukuran=15,
        lembaga=lembaga,
        wilayah_id=k.wilayah,
        kerahasiaan=kerahasiaan,
        terbit=True,
    )
    m.tahapan.add(buat_tahapan(k))
    return m


def buat_materi(k):
    """A published material of Polres Madiun in 35.19 at k.kerahasiaan (reading rules)."""
    return _materi(k, k.pemilik, k.kerahasiaan or Kerahasiaan.PUBLIC)


def buat_materi_kpu(k):
    """A published PUBLIC material of KPU Kabupaten Madiun (`sama`) in 35.19."""
    return _materi(k, k.lembaga["kpu_madiun"], Kerahasiaan.PUBLIC)


def staf_materi(ok):
    """Writers of KPU/Bawaslu/Kesbangpol/media (every test organization but Polres Madiun,
    `sendiri`), and system admins."""

    def f(k):
        if k.anonim:
            return 401 if k.api else 302
        if k.peran == "admin_sistem":
            return ok
        return ok if k.relasi != "sendiri" and k.peran in PENULIS else 404

    return f


def kelola_materi(ok):
    """The author organization's writers (KPU Kabupaten Madiun, `sama`), KPU/Bawaslu
    leadership whose scope covers 35.19, and system admins."""

    def f(k):
        if k.anonim:
            return 401 if k.api else 302
        if k.peran == "admin_sistem":
            return ok
        if k.relasi == "sama" and k.peran in PENULIS:
            return ok
        pimpinan = k.peran in PIMPINAN and k.lembaga_pelaku.jenis.kelompok in {
            "penyelenggara",
            "pengawas",
        }
        return ok if pimpinan and k.dalam_lingkup else 404

    return f


def _materi_state(k, obj):
    from sinergi.komunikasi.models import MateriSosialisasi

    return MateriSosialisasi.objects.count()


def _materi_terbit(k, obj):
    from sinergi.komunikasi.models import MateriSosialisasi

    return MateriSosialisasi.objects.get(pk=obj.pk).terbit


def _materi_judul(k, obj):
    from sinergi.komunikasi.models import MateriSosialisasi

    return MateriSosialisasi.objects.get(pk=obj.pk).judul


MATERI_BARU = {
    "judul": "Tahapan kampanye singkat",
    "penjelasan": "Kampanye berlangsung 28 November 2023 sampai 10 Februari 2024.",
    "jenis": "penjelasan",
    "kerahasiaan": "PUBLIC",
}

RULES += [
    # --- API: materials
    Rule("GET /api/v1/komunikasi/materi", semua(200)),
    Rule(
        "GET /api/v1/komunikasi/materi/{id}",
        baca(200),
        setup=buat_materi,
        path=lambda k, obj: f"/api/v1/komunikasi/materi/{obj.pk}",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /api/v1/komunikasi/materi/{id}/berkas",
        baca(200),
        setup=buat_materi,
        path=lambda k, obj: f"/api/v1/komunikasi/materi/{obj.pk}/berkas",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /api/v1/komunikasi/materi",
        staf_materi(201),
        setup=buat_tahapan,
        data=lambda k, obj: {**MATERI_BARU, "tahapan": [obj.pk]},
        state=_materi_state,
    ),
    Rule(
        "POST /api/v1/komunikasi/materi/{id}/terbit",
        kelola_materi(200),
        setup=buat_materi_kpu,
        path=lambda k, obj: f"/api/v1/komunikasi/materi/{obj.pk}/terbit",
        data={"terbit": False},
        state=_materi_terbit,
    ),
    Rule(
        "GET /api/v1/komunikasi/materi/{id}/unduhan",
        kelola_materi(200),
        setup=buat_materi_kpu,
        path=lambda k, obj: f"/api/v1/komunikasi/materi/{obj.pk}/unduhan",
    ),
    # --- Pages: materials (the library is public)
    Rule("GET /komunikasi/materi/", semua(200)),
    Rule(
        "POST /komunikasi/materi/wilayah/",
        semua(302),
        data={"wilayah": "35.19"},
        nama="kabupaten anda",
    ),
    Rule("GET /komunikasi/materi/kelola/", staf_materi(200)),
    Rule("GET /komunikasi/materi/statistik/", staf_materi(200)),
    Rule("GET /komunikasi/materi/baru/", staf_materi(200), nama="formulir"),
    Rule(
        "POST /komunikasi/materi/baru/",
        staf_materi(302),
        setup=buat_tahapan,
        data=lambda k, obj: {**MATERI_BARU, "tahapan": [obj.pk]},
        state=_materi_state,
        peran=PERAN,
        nama="simpan",
    ),
    Rule(
        "GET /komunikasi/materi/<int:pk>/",
        baca(200),
        setup=buat_materi,
        path=lambda k, obj: f"/komunikasi/materi/{obj.pk}/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /komunikasi/materi/<int:pk>/unduh/",
        baca(200),
        setup=buat_materi,
        path=lambda k, obj: f"/komunikasi/materi/{obj.pk}/unduh/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /komunikasi/materi/<int:pk>/ubah/",
        kelola_materi(200),
        setup=buat_materi_kpu,
        path=lambda k, obj: f"/komunikasi/materi/{obj.pk}/ubah/",
        nama="formulir",
    ),
    Rule(
        "POST /komunikasi/materi/<int:pk>/ubah/",
        kelola_materi(302),
        setup=buat_materi_kpu,
        path=lambda k, obj: f"/komunikasi/materi/{obj.pk}/ubah/",
        data=lambda k, obj: {
            **MATERI_BARU,
            "judul": "Judul baru",
            "tahapan": [obj.tahapan.get().pk],
        },
        state=_materi_judul,
        peran=PERAN,
        nama="simpan",
    ),
    Rule(
        "POST /komunikasi/materi/<int:pk>/terbit/",
        kelola_materi(302),
        setup=buat_materi_kpu,
        path=lambda k, obj: f"/komunikasi/materi/{obj.pk}/terbit/",
        data={"terbit": "0"},
        state=_materi_terbit,
        peran=PERAN,
    ),
]


# --- Outgoing webhooks: the owning organization's admin_lembaga, and system admins
ADMIN_WEBHOOK = {"admin_sistem", "admin_lembaga"}
# A closed local port: an allowed test call or retry fails at once, without the network (the
# services refuse such an address; the row is made directly here).
URL_MATRIKS = "https://127.0.0.1:1/sinergi"


def buat_webhook(k):
    """An active webhook of Polres Madiun (`sendiri`)."""
    from sinergi.komunikasi.models import Webhook

    return Webhook.objects.create(lembaga=k.pemilik, url=URL_MATRIKS, rahasia="m" * 43)


def buat_pengiriman_gagal(k):
    """A failed delivery of `buat_webhook`'s webhook, its automatic retries spent."""
    from sinergi.komunikasi.models import PengirimanWebhook

    return PengirimanWebhook.objects.create(
        webhook=buat_webhook(k),
        peristiwa="ping",
        payload={"peristiwa": "ping"},
        status="gagal",
        percobaan=5,
        kode_http=500,
        galat="HTTP 500",
    )


def kelola_webhook(ok):
    """Polres Madiun's admin_lembaga, and system admins; everyone else 404."""

    def f(k):
        if k.anonim:
            return 401 if k.api else 302
        if k.peran == "admin_sistem":
            return ok
        return ok if (k.relasi, k.peran) == ("sendiri", "admin_lembaga") else 404

    return f


def _webhook_jumlah(k, obj):
    from sinergi.komunikasi.models import Webhook

    return Webhook.objects.count()


def _webhook_ada(k, obj):
    from sinergi.komunikasi.models import Webhook

    return Webhook.objects.filter(pk=obj.pk).exists()


def _webhook(k, obj):
    from sinergi.komunikasi.models import Webhook

    w = Webhook.objects.get(pk=obj.pk)
    return (w.url, w.is_active, w.rahasia)


def _pengiriman_jumlah(k, obj):
    from sinergi.komunikasi.models import PengirimanWebhook

    return PengirimanWebhook.objects.count()


def _pengiriman(k, obj):
    from sinergi.komunikasi.models import PengirimanWebhook

    d = PengirimanWebhook.objects.get(pk=obj.pk)
    return (d.status, d.percobaan)


URL_BARU = "https://hook.example.org/sinergi"


def _hook(suffix=""):
    return lambda k, obj: f"/komunikasi/webhook/{obj.pk}/{suffix}"


def _hook_api(suffix=""):
    return lambda k, obj: f"/api/v1/komunikasi/webhook/{obj.pk}{suffix}"


RULES += [
    # --- API: webhooks (the list holds only what the caller manages: empty for others)
    Rule("GET /api/v1/komunikasi/webhook", masuk(200)),
    Rule(
        "POST /api/v1/komunikasi/webhook",
        peran(ADMIN_WEBHOOK, 201, anonim=401, dalam_lingkup=False),
        data={"url": URL_BARU},
        state=_webhook_jumlah,
    ),
    Rule(
        "GET /api/v1/komunikasi/webhook/{id}",
        kelola_webhook(200),
        setup=buat_webhook,
        path=_hook_api(),
    ),
    Rule(
        "PATCH /api/v1/komunikasi/webhook/{id}",
        kelola_webhook(200),
        setup=buat_webhook,
        path=_hook_api(),
        data={"is_active": False},
        state=_webhook,
    ),
    Rule(
        "DELETE /api/v1/komunikasi/webhook/{id}",
        kelola_webhook(204),
        setup=buat_webhook,
        path=_hook_api(),
        state=_webhook_ada,
    ),
    Rule(
        "POST /api/v1/komunikasi/webhook/{id}/rotasi",
        kelola_webhook(200),
        setup=buat_webhook,
        path=_hook_api("/rotasi"),
        state=_webhook,
    ),
    Rule(
        "POST /api/v1/komunikasi/webhook/{id}/uji",
        kelola_webhook(202),
        setup=buat_webhook,
        path=_hook_api("/uji"),
        state=_pengiriman_jumlah,
    ),
    Rule(
        "GET /api/v1/komunikasi/webhook/{id}/pengiriman",
        kelola_webhook(200),
        setup=buat_webhook,
        path=_hook_api("/pengiriman"),
    ),
    Rule(
        "POST /api/v1/komunikasi/webhook/pengiriman/{id}/ulang",
        kelola_webhook(202),
        setup=buat_pengiriman_gagal,
        path=lambda k, obj: f"/api/v1/komunikasi/webhook/pengiriman/{obj.pk}/ulang",
        state=_pengiriman,
    ),
    # --- Pages: webhooks
    Rule("GET /komunikasi/webhook/", peran(ADMIN_WEBHOOK, 200, dalam_lingkup=False), nama="daftar"),
    Rule(
        "POST /komunikasi/webhook/",
        peran(ADMIN_WEBHOOK, 200, dalam_lingkup=False),
        data=lambda k, obj: {"url": URL_BARU, "lembaga": k.pemilik.pk},
        state=_webhook_jumlah,
        peran=PERAN,
        nama="tambah",
    ),
    Rule(
        "GET /komunikasi/webhook/<int:pk>/", kelola_webhook(200), setup=buat_webhook, path=_hook()
    ),
    Rule(
        "POST /komunikasi/webhook/<int:pk>/ubah/",
        kelola_webhook(302),
        setup=buat_webhook,
        path=_hook("ubah/"),
        data={"url": URL_BARU},
        state=_webhook,
        peran=PERAN,
    ),
    Rule(
        "POST /komunikasi/webhook/<int:pk>/aktif/",
        kelola_webhook(302),
        setup=buat_webhook,
        path=_hook("aktif/"),
        data={"aktif": "0"},
        state=_webhook,
        peran=PERAN,
    ),
    Rule(
        "POST /komunikasi/webhook/<int:pk>/rotasi/",
        kelola_webhook(200),
        setup=buat_webhook,
        path=_hook("rotasi/"),
        state=_webhook,
        peran=PERAN,
    ),
    Rule(
        "POST /komunikasi/webhook/<int:pk>/uji/",
        kelola_webhook(302),
        setup=buat_webhook,
        path=_hook("uji/"),
        state=_pengiriman_jumlah,
        peran=PERAN,
    ),
    Rule(
        "GET /komunikasi/webhook/<int:pk>/hapus/",
        kelola_webhook(200),
        setup=buat_webhook,
        path=_hook("hapus/"),
        nama="konfirmasi",
    ),
    Rule(
        "POST /komunikasi/webhook/<int:pk>/hapus/",
        kelola_webhook(302),
        setup=buat_webhook,
        path=_hook("hapus/"),
        state=_webhook_ada,
        peran=PERAN,
        nama="hapus",
    ),
    Rule(
        "POST /komunikasi/webhook/pengiriman/<int:pk>/ulang/",
        kelola_webhook(302),
        setup=buat_pengiriman_gagal,
        path=lambda k, obj: f"/komunikasi/webhook/pengiriman/{obj.pk}/ulang/",
        state=_pengiriman,
        peran=PERAN,
    ),
]

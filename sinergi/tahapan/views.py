"""Public pages: stages today (or on any date), an election, its timeline, one stage."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergi.core.waktu import hari_ini
from sinergi.tahapan import selectors, services
from sinergi.tahapan.choices import KategoriTahapan
from sinergi.tahapan.forms import PemiluBaruForm, TerbitkanForm
from sinergi.tahapan.izin import dapat_kelola_rancangan
from sinergi.tahapan.models import Pemilu, Tahapan

# Example dates offered as chips; their labels are formatted in the reader's language.
TANGGAL_CONTOH = [dt.date(2022, 12, 10), dt.date(2024, 2, 14), dt.date(2024, 11, 27)]


def _tanggal_param(request, nama: str = "tanggal") -> tuple[dt.date, str]:
    """The date asked for in the query string (today in WIB by default) and an error text."""
    nilai = request.GET.get(nama, "").strip()
    if not nilai:
        return hari_ini(), ""
    try:
        tanggal = dt.date.fromisoformat(nilai)
    except ValueError:
        return hari_ini(), _("“%(value)s” is not a valid date; use the form YYYY-MM-DD.") % {
            "value": nilai[:20]
        }
    if not 1900 <= tanggal.year <= 2200:
        return hari_ini(), _("Choose a date between 1900 and 2200.")
    return tanggal, ""


@dataclass
class KeadaanPemilu:
    """What an election looks like on one day."""

    pemilu: Pemilu
    aktif: list[Tahapan]
    utama: list[Tahapan]
    tenggat: list
    hari_menuju_pemungutan: int | None
    hari_ini: bool = True  # `tanggal` is today (else the page shows a chosen date)


def keadaan(pemilu: Pemilu, tanggal: dt.date, *, hari: int = 30) -> KeadaanPemilu:
    aktif = list(selectors.tahapan_list(pemilu=pemilu, aktif_pada=tanggal))
    for t in aktif:
        t.sisa = t.sisa_hari(tanggal)
        t.persen = t.progres(tanggal)
    ids = {t.pk for t in aktif}
    utama = [t for t in aktif if t.induk_id is None or t.induk_id not in ids]
    for u in utama:
        u.anak_aktif = [t for t in aktif if t.induk_id == u.pk]
    return KeadaanPemilu(
        pemilu=pemilu,
        aktif=aktif,
        utama=utama,
        tenggat=selectors.tenggat_mendatang(pemilu=pemilu, tanggal=tanggal, hari=hari),
        hari_menuju_pemungutan=selectors.hari_menuju_pemungutan(pemilu, tanggal),
        hari_ini=tanggal == hari_ini(),
    )


def tahapan_index(request):
    """Tahapan hari ini: the stages running today, or on the date picked, for every election."""
    tanggal, salah = _tanggal_param(request)
    semua = list(selectors.pemilu_list())
    daftar = [keadaan(p, tanggal) for p in semua]
    berjalan = [k for k in daftar if k.aktif or k.tenggat]
    context = {
        "tanggal": tanggal,
        "hari_ini": hari_ini(),
        "salah": salah,
        "daftar": berjalan,
        "semua_pemilu": semua,
        "contoh": TANGGAL_CONTOH,
        "boleh_buat": dapat_kelola_rancangan(request.user),
    }
    return render(request, "tahapan/index.html", context, status=400 if salah else 200)


def _pemilu_or_404(slug: str) -> Pemilu:
    pemilu = selectors.pemilu_get(slug)
    if pemilu is None:
        raise Http404
    return pemilu


def _link_kalender(request, pemilu: Pemilu) -> dict[str, str]:
    https = request.build_absolute_uri(
        reverse("api:tahapan_kalender", kwargs={"slug": pemilu.slug})
    )
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def pemilu_detail(request, slug: str):
    """One election: its statutory list of stages, its schedule and the calendar link."""
    pemilu = _pemilu_or_404(slug)
    tanggal, salah = _tanggal_param(request)
    utama = list(selectors.tahapan_list(pemilu=pemilu, utama=True))
    per_butir: dict[str, list[Tahapan]] = {}
    for t in utama:
        if t.butir_uu:
            per_butir.setdefault(t.butir_uu, []).append(t)
    butir = [
        {"butir": b.get("butir"), "teks": b.get("teks"), "tahapan": per_butir.get(b.get("butir"))}
        for b in pemilu.tahapan_uu
    ]
    for t in utama:
        t.aktif = bool(
            t.mulai_efektif and t.mulai_efektif <= tanggal <= (t.selesai_efektif or tanggal)
        )
    mulai, selesai = selectors.rentang_pemilu(pemilu)
    context = {
        "pemilu": pemilu,
        "tanggal": tanggal,
        "salah": salah,
        "hari_ini": hari_ini(),
        "utama": utama,
        "butir": butir,
        "mulai": mulai,
        "selesai": selesai,
        "kalender": _link_kalender(request, pemilu),
        "keadaan": keadaan(pemilu, tanggal),
        "boleh_terbitkan": dapat_kelola_rancangan(request.user),
    }
    return render(request, "tahapan/pemilu.html", context, status=400 if salah else 200)


def _lembaga(kode: list[str]) -> list[dict]:
    """Names of the responsible organization types (from pemangku, when it knows them)."""
    nama: dict[str, str] = {}
    try:
        jenis = apps.get_model("pemangku", "JenisLembaga")
        nama = {j.kode: j.label for j in jenis.objects.filter(kode__in=kode)}
    except LookupError:
        pass
    return [{"kode": k, "nama": nama.get(k, k.upper())} for k in kode]


def tahapan_detail(request, slug: str, kode: str):
    """One stage: dates or rule, sub-stages, regulations and responsible institutions."""
    pemilu = _pemilu_or_404(slug)
    tahapan = selectors.tahapan_get(pemilu, kode)
    if tahapan is None:
        raise Http404
    tanggal, salah = _tanggal_param(request)
    anak = list(selectors.tahapan_anak(tahapan))
    for t in anak:
        t.aktif = bool(
            t.mulai_efektif and t.mulai_efektif <= tanggal <= (t.selesai_efektif or tanggal)
        )
    regulasi = (
        list(tahapan.regulasi.order_by("-tahun", "jenis")) if hasattr(tahapan, "regulasi") else []
    )
    context = {
        "pemilu": pemilu,
        "tahapan": tahapan,
        "leluhur": selectors.tahapan_leluhur(tahapan),
        "anak": anak,
        "regulasi": regulasi,
        "lembaga": _lembaga(tahapan.penanggung_jawab),
        "tanggal": tanggal,
        "salah": salah,
        "hari_ini": hari_ini(),
        "sisa": tahapan.sisa_hari(tanggal),
        "persen": tahapan.progres(tanggal),
        "aktif": bool(
            tahapan.mulai_efektif
            and tahapan.mulai_efektif <= tanggal <= (tahapan.selesai_efektif or tanggal)
        ),
    }
    return render(request, "tahapan/tahapan.html", context, status=400 if salah else 200)


# --- timeline -----------------------------------------------------------------------------------


def _persen(d: dt.date, awal: dt.date, hari: int) -> float:
    return round(100 * (d - awal).days / hari, 3)


def linimasa(request, slug: str):
    """A Gantt-style timeline with a today line, zoomed to the whole election or one month."""
    pemilu = _pemilu_or_404(slug)
    tanggal, salah = _tanggal_param(request)
    zoom = "bulan" if request.GET.get("zoom") == "bulan" else "tahun"
    semua_tingkat = request.GET.get("semua") == "1" or zoom == "bulan"
    mulai, selesai = selectors.rentang_pemilu(pemilu)
    if mulai is None:
        mulai = selesai = tanggal
    if zoom == "bulan":
        try:
            tahun, bulan = (int(x) for x in request.GET.get("bulan", "").split("-", 1))
            awal = dt.date(tahun, bulan, 1)
        except ValueError:
            acuan = min(max(tanggal, mulai), selesai)
            awal = acuan.replace(day=1)
        akhir = awal.replace(day=calendar.monthrange(awal.year, awal.month)[1])
    else:
        awal = mulai.replace(day=1)
        akhir = selesai.replace(day=calendar.monthrange(selesai.year, selesai.month)[1])
    hari = (akhir - awal).days + 1
    baris = []
    qs = selectors.tahapan_list(pemilu=pemilu, utama=not semua_tingkat)
    for t in qs:
        # a deadline is drawn as a thin mark on its date
        mulai_t = t.mulai_efektif or t.selesai_efektif
        if mulai_t is None or t.selesai_efektif < awal or mulai_t > akhir:
            continue
        a = max(mulai_t, awal)
        b = min(t.selesai_efektif, akhir)
        t.kiri = _persen(a, awal, hari)
        t.lebar = max(round(100 * ((b - a).days + 1) / hari, 3), 0.6)
        t.tingkat = t.kode.count(".")
        t.kontinjensi = t.kategori == KategoriTahapan.KONTINJENSI
        t.aktif = not t.tenggat and t.mulai_efektif <= tanggal <= t.selesai_efektif
        baris.append(t)
    skala = []
    if zoom == "bulan":
        for n in range(hari):
            d = awal + dt.timedelta(days=n)
            if n == 0 or d.day % 5 == 0:
                skala.append({"kiri": _persen(d, awal, hari), "label": str(d.day)})
        sebelum = (awal - dt.timedelta(days=1)).replace(day=1)
        sesudah = akhir + dt.timedelta(days=1)
        navigasi = {"sebelum": f"{sebelum:%Y-%m}", "sesudah": f"{sesudah:%Y-%m}"}
    else:
        d = awal
        while d <= akhir:
            if d.month in (1, 4, 7, 10):
                skala.append({"kiri": _persen(d, awal, hari), "tanggal": d, "tahun": d.month == 1})
            d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        navigasi = {}
    garis = []
    sekarang = hari_ini()
    if awal <= sekarang <= akhir:
        garis.append({"kiri": _persen(sekarang, awal, hari), "jenis": "hari-ini"})
    if tanggal != sekarang and awal <= tanggal <= akhir:
        garis.append({"kiri": _persen(tanggal, awal, hari), "jenis": "pilihan"})
    if pemilu.hari_pemungutan and awal <= pemilu.hari_pemungutan <= akhir:
        garis.append({"kiri": _persen(pemilu.hari_pemungutan, awal, hari), "jenis": "pemungutan"})
    context = {
        "pemilu": pemilu,
        "baris": baris,
        "skala": skala,
        "garis": garis,
        "zoom": zoom,
        "awal": awal,
        "akhir": akhir,
        "navigasi": navigasi,
        "semua_tingkat": semua_tingkat,
        "tanggal": tanggal,
        "salah": salah,
        "hari_ini": sekarang,
        "dalam_jendela": awal <= sekarang <= akhir,
    }
    return render(request, "tahapan/linimasa.html", context, status=400 if salah else 200)


# --- the next cycle: draft elections (system administrators only; 404 for everyone else) ------


def _hanya_admin_sistem(request) -> None:
    if not dapat_kelola_rancangan(request.user):
        raise Http404


def _pesan_validasi(form, exc: ValidationError) -> None:
    for kolom, daftar in exc.message_dict.items():
        for m in daftar:
            form.add_error(kolom if kolom in form.fields else None, m)


def pemilu_baru(request):
    """Create a draft election: copy an earlier one to a new voting day, or the law's periods."""
    _hanya_admin_sistem(request)
    form = PemiluBaruForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        umum = {
            "pelaku": request.user,
            "slug": d["slug"],
            "nama": d["nama"],
            "nama_en": d["nama_en"],
            "hari_pemungutan": d["hari_pemungutan"],
        }
        try:
            if d["cara"] == "salin":
                baru = services.pemilu_salin(sumber=d["sumber"], **umum)
            else:
                baru = services.pemilu_rancang_uu(jenis=d["jenis"] or "pemilu", **umum)
        except ValidationError as exc:
            _pesan_validasi(form, exc)
        else:
            messages.success(
                request,
                _("%(nama)s was created as a draft with %(n)s stages.")
                % {"nama": baru.nama, "n": baru.tahapan.count()},
            )
            return redirect("tahapan:pemilu", slug=baru.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "tahapan/pemilu_baru.html", {"form": form}, status=status)


@require_POST
def pemilu_terbitkan(request, slug: str):
    """Publish a draft once its KPU regulation is set."""
    _hanya_admin_sistem(request)
    pemilu = _pemilu_or_404(slug)
    form = TerbitkanForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(
                {"pkpu_jadwal": _("Name the KPU regulation that sets this schedule.")}
            )
        services.pemilu_terbitkan(
            pelaku=request.user, pemilu=pemilu, pkpu_jadwal=form.cleaned_data["pkpu_jadwal"]
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("%(nama)s is now official.") % {"nama": pemilu.label})
    return redirect("tahapan:pemilu", slug=pemilu.slug)

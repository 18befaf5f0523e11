"""Pages: frameworks, the choropleth with drill-down, explanations, TPS counts, imports."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sinergi.akses import rules
from sinergi.core.models import Kerahasiaan
from sinergi.kerawanan import selectors, services
from sinergi.kerawanan import skor as mesin
from sinergi.kerawanan.models import ImporBerkas, JenisKerangka, Kerangka
from sinergi.wilayah.forms import WilayahCariForm

WARNA = {
    "rendah": "#16a34a",
    "sedang": "#f59e0b",
    "tinggi": "#b91c1c",
    "kurang_rawan": "#16a34a",
    "rawan": "#f59e0b",
    "sangat_rawan": "#b91c1c",
}


def _kerangka(request, slug: str) -> Kerangka:
    k = selectors.kerangka_get(slug=slug, pengguna=request.user)
    if k is None:
        raise Http404
    return k


def indeks(request):
    """Frameworks and TPS surveys the visitor may see (public ones only for the public)."""
    return render(
        request,
        "kerawanan/indeks.html",
        {
            "kerangka": selectors.kerangka_list(pengguna=request.user),
            "survei": selectors.survei_qs(pengguna=request.user).order_by("-created_at")[:20],
            "boleh_impor": rules.lingkup(request.user) is not None,
        },
    )


def peta(request, slug: str):
    """The choropleth of provinces (drill-down to regencies), ranking and both approaches."""
    k = _kerangka(request, slug)
    if k.jenis != JenisKerangka.WILAYAH:
        raise Http404
    daftar_periode = selectors.periode_list(pengguna=request.user, kerangka=k)
    periode = request.GET.get("periode") or (daftar_periode[0] if daftar_periode else None)
    _p, kab = selectors.skor_list(
        pengguna=request.user, kerangka=k, periode=periode, tingkat="kabupaten_kota"
    )
    s = mesin.struktur(k)
    return render(
        request,
        "kerawanan/peta.html",
        {
            "kerangka": k,
            "periode": periode,
            "daftar_periode": daftar_periode,
            "kabupaten": kab[:50],
            "jumlah_kabupaten": len(kab),
            "provinsi": selectors.provinsi_dua_pendekatan(
                pengguna=request.user, kerangka=k, periode=periode
            ),
            "ambang": s.ambang,
            "warna": WARNA,
        },
    )


def peta_data(request, slug: str):
    """Scores for the map as {kode: [skor, kategori, nama]} for one level (and parent)."""
    k = _kerangka(request, slug)
    tingkat = request.GET.get("tingkat", "provinsi")
    if tingkat not in {"provinsi", "kabupaten_kota"}:
        raise Http404
    periode = request.GET.get("periode") or None
    induk = request.GET.get("induk") or None
    pendekatan = request.GET.get("pendekatan", "langsung")
    if tingkat == "provinsi" and pendekatan == "agregat":
        rows = selectors.provinsi_dua_pendekatan(pengguna=request.user, kerangka=k, periode=periode)
        data = {
            r["kode_wilayah"]: [
                None if r["skor_agregat"] is None else float(r["skor_agregat"]),
                r["kategori_agregat"],
            ]
            for r in rows
        }
        return JsonResponse({"periode": periode, "skor": data})
    periode, daftar = selectors.skor_ringkas(
        pengguna=request.user, kerangka=k, periode=periode, tingkat=tingkat, induk=induk
    )
    data = {}
    peringkat, sebelumnya = 0, None
    for n, (kode, skor, kategori) in enumerate(daftar, start=1):
        if skor != sebelumnya:
            peringkat, sebelumnya = n, skor
        data[kode] = [None if skor is None else float(skor), kategori, peringkat]
    return JsonResponse({"periode": periode, "skor": data})


def _beri_label(tersimpan: dict, dihitung: dict) -> None:
    """The stored breakdown (its numbers as computed then) gets the names of the framework's
    tree in the reader's language."""
    dim = {d["kode"]: d for d in dihitung.get("dimensi", [])}
    for d in tersimpan.get("dimensi", []):
        baru = dim.get(d["kode"], {})
        d["label"] = baru.get("label", d.get("nama", ""))
        sub = {s["kode"]: s for s in baru.get("sub", [])}
        for s in d.get("sub", []):
            s["label"] = sub.get(s["kode"], {}).get("label", s.get("nama", ""))


def wilayah(request, slug: str, kode: str):
    """One region: dimension bars, the indicators that drove the score, the trend."""
    k = _kerangka(request, slug)
    periode = request.GET.get("periode") or None
    p = selectors.penilaian_get(pengguna=request.user, kerangka=k, kode=kode, periode=periode)
    if p is None:
        raise Http404
    h = selectors.penjelasan(p)
    _beri_label(p.rincian, h.rincian)
    tren = selectors.tren(pengguna=request.user, kerangka=k, kode=p.wilayah_id)
    maks = max([float(t["skor"] or 0) for t in tren] + [1.0])
    for t in tren:
        t["tinggi"] = round(float(t["skor"] or 0) / float(k.skor_maks) * 100)
    return render(
        request,
        "kerawanan/wilayah.html",
        {
            "kerangka": k,
            "p": p,
            "boleh_tindak_lanjut": services.dapat_buka_tindak_lanjut(request.user, p.wilayah_id),
            "tindak_lanjut": selectors.tindak_lanjut_terkait(pengguna=request.user, sumber=p),
            "hasil": h,
            "kontribusi": h.kontribusi[:10],
            "tren": tren,
            "maks": maks,
            "warna": WARNA,
        },
    )


def survei(request, pk: int):
    """TPS counts per indicator for a region, its children, and the TPS with an indicator."""
    sv = selectors.survei_get(pengguna=request.user, pk=pk)
    if sv is None:
        raise Http404
    kode = request.GET.get("kode", sv.wilayah_id or "")
    data = selectors.rekap_get(pengguna=request.user, survei=sv, kode=kode)
    if data is None:
        raise Http404
    indikator = request.GET.get("indikator") or None
    halaman = None
    if indikator:
        qs = selectors.tps_list(pengguna=request.user, survei=sv, kode=kode, indikator=indikator)
        if qs is None:
            raise Http404
        halaman = Paginator(qs, 50).get_page(request.GET.get("page"))
    maks = max([i["jumlah"] for i in data["indikator"]] + [1])
    for i in data["indikator"]:
        i["persen"] = round(i["jumlah"] / maks * 100)
    leluhur = [kode[:n] for n in (2, 5, 8) if len(kode) > n]
    return render(
        request,
        "kerawanan/survei.html",
        {
            "survei": sv,
            "data": data,
            "indikator": indikator,
            "halaman": halaman,
            "boleh_tindak_lanjut": halaman is not None
            and services.dapat_buka_tindak_lanjut(request.user, kode or None),
            "leluhur": leluhur,
            "warna": WARNA,
        },
    )


# --- imports -----------------------------------------------------------------------------

TEMPLAT = {
    "penilaian": ("penilaian", ["kode_wilayah"], ["sumber", "catatan"]),
    "tps": ("tps", ["kode_desa", "nomor_tps", "jumlah_pemilih"], []),
    "survei": ("survei_tps", ["kode_desa", "nomor_tps"], []),
}


def templat(request, jenis: str, fmt: str):
    """A blank import template (CSV or XLSX) with the right sheet name and columns."""
    if jenis not in TEMPLAT or fmt not in {"csv", "xlsx"}:
        raise Http404
    sheet, kolom, tambahan = TEMPLAT[jenis]
    kolom = list(kolom)
    if jenis in {"penilaian", "survei"}:
        k = _kerangka(request, request.GET.get("kerangka", ""))
        kolom += list(k.indikator.order_by("urutan", "kode").values_list("kode", flat=True))
    kolom += tambahan
    nama = f"templat-{jenis}"
    if fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf).writerow(kolom)
        resp = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = sheet
        ws.append(kolom)
        out = io.BytesIO()
        wb.save(out)
        resp = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    resp["Content-Disposition"] = f'attachment; filename="{nama}.{fmt}"'
    return resp


@login_required
def impor(request):
    """Upload a file; the import runs in the background and this page polls its progress."""
    kerangka = selectors.kerangka_list(pengguna=request.user)
    error = ""
    wilayah_form = WilayahCariForm(request.POST or None)
    if request.method == "POST":
        jenis = request.POST.get("jenis", "")
        berkas = request.FILES.get("berkas")
        if jenis not in ImporBerkas.Jenis.values:
            error = _("Choose what the file holds.")
        elif berkas is None:
            error = _("Choose a file to upload.")
        elif not wilayah_form.is_valid():
            error = "; ".join(wilayah_form.errors["wilayah"])
        else:
            parameter = {
                "kerangka": request.POST.get("kerangka", ""),
                "periode": request.POST.get("periode", "").strip()[:20],
                "wilayah": wilayah_form.cleaned_data["wilayah"][:13],
                "kerahasiaan": request.POST.get("kerahasiaan", Kerahasiaan.RESTRICTED),
            }
            if parameter["kerahasiaan"] not in Kerahasiaan.values:
                parameter["kerahasiaan"] = Kerahasiaan.RESTRICTED
            if jenis != "tps" and not parameter["periode"]:
                error = _("Fill in the period.")
            else:
                try:
                    job = services.impor_mulai(
                        pelaku=request.user, jenis=jenis, berkas=berkas, parameter=parameter
                    )
                except PermissionDenied:
                    raise Http404 from None
                except ValidationError as exc:
                    error = "; ".join(exc.messages)
                else:
                    return redirect("kerawanan:impor_status", pk=job.pk)
    return render(
        request,
        "kerawanan/impor.html",
        {
            "kerangka": kerangka,
            "jenis": ImporBerkas.Jenis.choices,
            "kerahasiaan": Kerahasiaan.choices,
            "error": error,
            "wilayah_form": wilayah_form,
            "riwayat": ImporBerkas.objects.filter(pengguna=request.user)[:10],
        },
    )


def _job(request, pk: int) -> ImporBerkas:
    job = ImporBerkas.objects.filter(pk=pk, pengguna=request.user).first()
    if job is None:
        raise Http404
    return job


@login_required
def impor_status(request, pk: int):
    job = _job(request, pk)
    template = "kerawanan/impor_status.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {"job": job})


@login_required
def impor_kesalahan(request, pk: int):
    """The error report as CSV (row, column, message) to fix the file in Excel."""
    job = _job(request, pk)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([_("row"), _("column"), _("message")])
    for e in job.kesalahan:
        w.writerow([e.get("baris") or "", e.get("kolom", ""), e.get("pesan", "")])
    resp = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="kesalahan-impor-{job.pk}.csv"'
    return resp


# --- follow-ups from a score or a TPS indicator ------------------------------------------


def _tindak_lanjut(request, *, judul: str, kembali: str, ringkasan: str, zona: str, simpan):
    """The follow-up form: owner organization among those in the user's scope, due date two
    weeks ahead by default; `simpan(data, lembaga)` calls the service."""
    from django.contrib import messages

    from sinergi.core import waktu
    from sinergi.kerawanan.forms import TindakLanjutForm

    pilihan_qs = services.lembaga_tindak_lanjut(request.user)
    pilihan = [(lem.pk, lem.nama) for lem in pilihan_qs[:2000]]
    if request.method == "POST":
        form = TindakLanjutForm(request.POST, pilihan=pilihan)
    else:
        awal = {
            "judul": judul[:200],
            "tenggat_tanggal": waktu.hari_ini(zona) + dt.timedelta(days=14),
            "lembaga": request.user.lembaga_id,
        }
        form = TindakLanjutForm(initial=awal, pilihan=pilihan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        lembaga = pilihan_qs.filter(pk=data.pop("lembaga")).first()
        try:
            tl = simpan(data, lembaga)
        except ValidationError as exc:
            for field, errs in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, _("The follow-up was created."))
            return redirect("tindak_lanjut:detail", pk=tl.pk)
    return render(
        request,
        "kerawanan/tindak_lanjut.html",
        {"form": form, "kembali": kembali, "ringkasan": ringkasan},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def tindak_lanjut_skor(request, slug: str, kode: str):
    """Open a follow-up from a region's score (it links back to the assessment)."""
    from sinergi.kerawanan.templatetags.kerawanan_tags import kategori_label

    k = _kerangka(request, slug)
    periode = request.GET.get("periode") or None
    p = selectors.penilaian_get(pengguna=request.user, kerangka=k, kode=kode, periode=periode)
    if p is None or not services.dapat_buka_tindak_lanjut(request.user, p.wilayah_id):
        raise Http404
    label = kategori_label(p.kategori)
    return _tindak_lanjut(
        request,
        judul=_("Follow up the vulnerability of %(region)s (%(category)s)")
        % {"region": p.wilayah.nama, "category": label},
        kembali=p.get_absolute_url(),
        ringkasan=f"{k.nama} · {p.wilayah.nama} · {p.periode}: {p.skor} ({label})",
        zona=p.wilayah.zona_waktu,
        simpan=lambda data, lembaga: services.tindak_lanjut_dari_skor(
            pelaku=request.user, penilaian=p, lembaga=lembaga, **data
        ),
    )


@login_required
def tindak_lanjut_tps(request, pk: int):
    """Open a follow-up from the TPS with an indicator in a region (`?kode=&indikator=`)."""
    from sinergi.wilayah.models import Wilayah

    sv = selectors.survei_get(pengguna=request.user, pk=pk)
    kode = request.GET.get("kode", "")
    ikode = request.GET.get("indikator", "")
    if sv is None or not ikode:
        raise Http404
    qs = selectors.tps_list(pengguna=request.user, survei=sv, kode=kode, indikator=ikode)
    ind = sv.kerangka.indikator.filter(kode=ikode).first()
    wilayah = Wilayah.objects.filter(kode=kode).first() if kode else None
    if qs is None or ind is None or (kode and wilayah is None):
        raise Http404
    if not services.dapat_buka_tindak_lanjut(request.user, kode or None):
        raise Http404
    tempat = wilayah.nama if wilayah else _("Indonesia")
    jumlah = qs.count()
    return _tindak_lanjut(
        request,
        judul=_("Follow up %(count)s TPS with “%(indicator)s” in %(region)s")
        % {"count": jumlah, "indicator": ind.nama, "region": tempat},
        kembali=f"{reverse('kerawanan:survei', args=[sv.pk])}?kode={kode}&indikator={ikode}",
        ringkasan=f"{sv.nama} · {tempat} · {ind.nama}: {jumlah} TPS",
        zona=wilayah.zona_waktu if wilayah else "WIB",
        simpan=lambda data, lembaga: services.tindak_lanjut_dari_indikator(
            pelaku=request.user,
            survei=sv,
            wilayah=wilayah,
            indikator=ind,
            lembaga=lembaga,
            **data,
        ),
    )

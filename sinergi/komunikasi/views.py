"""Komunikasi pages: the inbox, preferences, announcements with receipts, discussion rooms.
Thin: they parse, call a service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sinergi.akses import rules
from sinergi.core.angka import angka
from sinergi.core.berkas import unduhan
from sinergi.komunikasi import izin, laporan, selectors, services
from sinergi.komunikasi.choices import JenisNotifikasi, ModeNotifikasi
from sinergi.komunikasi.forms import (
    AudiensForm,
    MateriFilterForm,
    MateriForm,
    PengumumanForm,
    PosForm,
    UtasForm,
)


def _errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, msgs in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, msgs)


def _pesan_error(request, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


# --- Inbox ----------------------------------------------------------------------------------
@login_required
@require_GET
def kotak_masuk(request):
    """One inbox: announcements, reminders, mentions, invitations, follow-ups, alerts."""
    belum = request.GET.get("belum") == "1"
    daftar = selectors.notifikasi_list(pengguna=request.user, belum_dibaca=belum)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    return render(request, "komunikasi/kotak_masuk.html", {"halaman": halaman, "belum": belum})


@login_required
@require_GET
def belum_dibaca(request):
    """The unread badge of the header (polled by HTMX)."""
    return render(
        request,
        "komunikasi/_lencana.html",
        {"jumlah": selectors.jumlah_belum_dibaca(pengguna=request.user)},
    )


@login_required
@require_POST
def notifikasi_buka(request, pk: int):
    n = selectors.notifikasi_get(pengguna=request.user, pk=pk)
    services.notifikasi_baca(pengguna=request.user, notifikasi=n)
    if n.tautan and url_has_allowed_host_and_scheme(n.tautan, allowed_hosts=None):
        return redirect(n.tautan)
    return redirect("komunikasi:index")


@login_required
@require_POST
def baca_semua(request):
    n = services.notifikasi_baca_semua(pengguna=request.user)
    messages.success(request, _("%(n)s notifications marked read.") % {"n": n})
    return redirect("komunikasi:index")


@login_required
@require_http_methods(["GET", "POST"])
def preferensi(request):
    if request.method == "POST":
        data = {j: request.POST.get(j, "") for j in JenisNotifikasi.values if j in request.POST}
        try:
            services.preferensi_simpan(pengguna=request.user, preferensi=data)
        except ValidationError as exc:
            _pesan_error(request, exc)
        else:
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("komunikasi:preferensi")
    saya = selectors.preferensi_saya(pengguna=request.user)
    baris = [(j.value, j.label, saya[j.value]) for j in JenisNotifikasi]
    return render(
        request, "komunikasi/preferensi.html", {"baris": baris, "mode": ModeNotifikasi.choices}
    )


# --- Announcements --------------------------------------------------------------------------
@login_required
@require_GET
def pengumuman_list(request):
    daftar = selectors.pengumuman_list(pengguna=request.user)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "komunikasi/pengumuman_list.html",
        {"halaman": halaman, "boleh_buat": izin.dapat_umumkan(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pengumuman_baru(request):
    if not izin.dapat_umumkan(request.user):
        raise Http404
    form = PengumumanForm(request.POST or None, request.FILES or None, pengguna=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        a = form.audiens()
        try:
            p = services.pengumuman_create(
                pelaku=request.user,
                judul=d["judul"],
                isi=d["isi"],
                audiens_jenis=a["jenis"],
                audiens_tingkat=a["tingkat"],
                audiens_wilayah=a["wilayah"],
                audiens_peran=a["peran"],
                prioritas=d["prioritas"],
                kerahasiaan=d["kerahasiaan"],
                perlu_tanda_terima=d["perlu_tanda_terima"],
                tahapan_id=d["tahapan"],
                regulasi_id=d["regulasi"],
                kegiatan_id=d["kegiatan"],
                lampiran=[d["lampiran"]] if d.get("lampiran") else [],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The announcement is being delivered."))
            return redirect("komunikasi:penerimaan", pk=p.pk)
    return render(request, "komunikasi/pengumuman_baru.html", {"form": form})


@login_required
@require_POST
def pratinjau(request):
    """HTMX: how many people and organizations the chosen audience reaches."""
    form = AudiensForm(request.POST)
    konteks = {}
    if form.is_valid():
        try:
            konteks["hasil"] = services.audiens_pratinjau(pelaku=request.user, **form.audiens())
        except ValidationError as exc:
            konteks["galat"] = exc.messages
    else:
        konteks["galat"] = [m for ms in form.errors.values() for m in ms]
    return render(request, "komunikasi/_pratinjau.html", konteks)


@login_required
@require_GET
def pengumuman_detail(request, pk: int):
    """The announcement; opening it records that the recipient read it."""
    p = selectors.pengumuman_get(pengguna=request.user, pk=pk)
    r = services.pengumuman_baca(pengguna=request.user, pengumuman=p)
    return render(
        request,
        "komunikasi/pengumuman_detail.html",
        {
            "p": p,
            "r": r,
            "whatsapp": selectors.tautan_whatsapp(p),
            "boleh_kelola": izin.dapat_kelola_pengumuman(request.user, p),
        },
    )


@login_required
@require_GET
def unduh_lampiran(request, pk: int, lampiran_pk: int):
    """Attachments are always downloads, only for those who may see the announcement."""
    lam = selectors.lampiran_get(pengguna=request.user, pengumuman_pk=pk, pk=lampiran_pk)
    return unduhan(lam.berkas, nama=lam.nama_berkas)


@login_required
@require_POST
def akui(request, pk: int):
    p = selectors.pengumuman_get(pengguna=request.user, pk=pk)
    try:
        services.pengumuman_akui(pengguna=request.user, pengumuman=p)
    except ValidationError as exc:
        _pesan_error(request, exc)
    else:
        messages.success(request, _("Thank you; your acknowledgement is recorded."))
    return redirect("komunikasi:pengumuman_detail", pk=p.pk)


@login_required
@require_GET
def penerimaan(request, pk: int):
    p = selectors.pengumuman_kelola_get(pengguna=request.user, pk=pk)
    return render(
        request,
        "komunikasi/penerimaan.html",
        {
            "p": p,
            "ringkasan": selectors.ringkasan_penerimaan(pengumuman=p),
            "penerima": Paginator(selectors.penerimaan_list(pengumuman=p), 100).get_page(
                request.GET.get("page")
            ),
        },
    )


@login_required
@require_GET
def penerimaan_xlsx(request, pk: int):
    p = selectors.pengumuman_kelola_get(pengguna=request.user, pk=pk)
    resp = HttpResponse(
        laporan.penerimaan_xlsx(p),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f'attachment; filename="tanda-terima-pengumuman-{p.pk}.xlsx"'
    return resp


@login_required
@require_GET
def penerimaan_pdf(request, pk: int):
    """The receipts as a PDF (proof of notification), for the author organization."""
    p = selectors.pengumuman_kelola_get(pengguna=request.user, pk=pk)
    resp = HttpResponse(laporan.penerimaan_pdf(p), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="tanda-terima-pengumuman-{p.pk}.pdf"'
    return resp


@login_required
@require_POST
def ingatkan(request, pk: int):
    p = selectors.pengumuman_kelola_get(pengguna=request.user, pk=pk)
    try:
        n = services.pengumuman_ingatkan(pelaku=request.user, pengumuman=p)
    except ValidationError as exc:
        _pesan_error(request, exc)
    else:
        messages.success(request, _("A reminder is on its way to %(n)s people.") % {"n": n})
    return redirect("komunikasi:penerimaan", pk=p.pk)


# --- Discussion rooms -----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def diskusi(request):
    if request.method == "POST" and not izin.dapat_diskusi(request.user):
        raise Http404
    form = UtasForm(request.POST or None, pengguna=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            u = services.utas_create(
                pelaku=request.user,
                judul=d["judul"],
                isi=d["isi"],
                wilayah_id=d["wilayah"] or None,
                tahapan_id=d["tahapan"],
                kegiatan_id=d["kegiatan"],
                topik=d["topik"],
                kerahasiaan=d["kerahasiaan"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            return redirect("komunikasi:utas", pk=u.pk)
    daftar = selectors.utas_list(pengguna=request.user)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "komunikasi/diskusi.html",
        {"halaman": halaman, "form": form, "boleh_tulis": izin.dapat_diskusi(request.user)},
    )


def _utas_konteks(request, u, form=None):
    return {
        "u": u,
        "pos": selectors.pos_list(utas=u),
        "form": form or PosForm(),
        "boleh_tulis": izin.dapat_diskusi(request.user),
        "boleh_moderasi": izin.dapat_moderasi(request.user, u),
        "boleh_selesai": izin.dapat_selesaikan(request.user, u),
    }


@login_required
@require_GET
def utas_detail(request, pk: int):
    u = selectors.utas_get(pengguna=request.user, pk=pk)
    return render(request, "komunikasi/utas.html", _utas_konteks(request, u))


@login_required
@require_POST
def pos_baru(request, pk: int):
    u = selectors.utas_get(pengguna=request.user, pk=pk)
    if not izin.dapat_diskusi(request.user):
        raise Http404
    form = PosForm(request.POST, request.FILES)
    if form.is_valid():
        lampiran = form.cleaned_data.get("lampiran")
        try:
            services.pos_create(
                pelaku=request.user,
                utas=u,
                isi=form.cleaned_data["isi"],
                sebut=form.sebutan(),
                sebut_lembaga=form.sebutan_lembaga(),
                lampiran=[lampiran] if lampiran else [],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            return redirect("komunikasi:utas", pk=u.pk)
    return render(request, "komunikasi/utas.html", _utas_konteks(request, u, form), status=422)


@login_required
@require_GET
def unduh_lampiran_pos(request, pk: int, lampiran_pk: int):
    """A post's attachment, only for those who see the thread (and never of a hidden post)."""
    lam = selectors.lampiran_pos_get(pengguna=request.user, pos_pk=pk, pk=lampiran_pk)
    return unduhan(lam.berkas, nama=lam.nama_berkas)


@login_required
@require_POST
def utas_selesai(request, pk: int):
    u = selectors.utas_get(pengguna=request.user, pk=pk)
    try:
        services.utas_selesaikan(
            pelaku=request.user, utas=u, kesimpulan=request.POST.get("kesimpulan", "")
        )
    except ValidationError as exc:
        _pesan_error(request, exc)
    return redirect("komunikasi:utas", pk=u.pk)


@login_required
@require_POST
def pos_sembunyikan(request, pk: int):
    p = selectors.pos_get(pengguna=request.user, pk=pk)
    try:
        services.pos_sembunyikan(pelaku=request.user, pos=p, alasan=request.POST.get("alasan", ""))
    except ValidationError as exc:
        _pesan_error(request, exc)
    return redirect("komunikasi:utas", pk=p.utas_id)


# --- Public socialization materials ---------------------------------------------------------
def _materi_data(form) -> dict:
    d = form.cleaned_data
    return {
        "judul": d["judul"],
        "penjelasan": d["penjelasan"],
        "jenis": d["jenis"],
        "tahapan_ids": [t.pk for t in d["tahapan"]],
        "regulasi_ids": [r.pk for r in d["regulasi"]],
        "berkas": d.get("berkas") or None,
        "tautan_video": d.get("tautan_video", ""),
        "kerahasiaan": d["kerahasiaan"],
    }


@require_GET
def materi(request):
    """The public library of socialization materials, by stage, with filter and search."""
    form = MateriFilterForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    tahapan = f.get("tahapan")
    daftar = list(
        selectors.materi_list(
            pengguna=request.user,
            tahapan=tahapan.pk if tahapan else None,
            jenis=f.get("jenis", ""),
            q=f.get("q", ""),
        )[:200]
    )
    per_tahapan: dict = {}
    for m in daftar:
        for t in m.tahapan.all():
            if tahapan is None or t.pk == tahapan.pk:
                per_tahapan.setdefault(t, []).append(m)
    kelompok = sorted(per_tahapan.items(), key=lambda kv: (kv[0].pemilu.slug, kv[0].urutan))
    wilayah = selectors.wilayah_pengunduh(request)
    return render(
        request,
        "komunikasi/materi.html",
        {
            "form": form,
            "kelompok": kelompok,
            "jumlah": len(daftar),
            "wilayah_saya": wilayah,
            "kabupaten": selectors.kabupaten_pilihan()
            if not request.user.is_authenticated
            else None,
            "boleh_buat": izin.dapat_buat_materi(request.user),
        },
    )


@require_POST
def materi_wilayah(request):
    """An anonymous visitor's "Kabupaten/kota Anda", kept in a cookie for download counts."""
    from sinergi.wilayah.models import Wilayah

    kode = request.POST.get("wilayah", "").strip()[:13]
    resp = redirect("komunikasi:materi")
    if kode and Wilayah.objects.filter(pk=kode, tingkat="kabupaten_kota").exists():
        resp.set_cookie(
            selectors.COOKIE_WILAYAH,
            kode,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        resp.delete_cookie(selectors.COOKIE_WILAYAH)
    return resp


@require_GET
def materi_detail(request, pk: int):
    m = selectors.materi_get(pengguna=request.user, pk=pk)
    return render(
        request,
        "komunikasi/materi_detail.html",
        {"m": m, "boleh_kelola": izin.dapat_kelola_materi(request.user, m)},
    )


def unduh_materi(request, m):
    """The download of a material (its file, or a redirect to its video link), counted for
    the requester's region and the day; shared by the page and the API."""
    if m.berkas:
        respons = unduhan(m.berkas, nama=m.nama_berkas)
        services.materi_unduhan_catat(materi=m, wilayah_id=selectors.wilayah_pengunduh(request))
        return respons
    if m.tautan_video:
        services.materi_unduhan_catat(materi=m, wilayah_id=selectors.wilayah_pengunduh(request))
        return redirect(m.tautan_video)
    raise Http404


@require_GET
def materi_unduh(request, pk: int):
    """Download the file (or follow the video link); counted per region and day."""
    return unduh_materi(request, selectors.materi_get(pengguna=request.user, pk=pk))


@login_required
@require_GET
def materi_kelola(request):
    """Staff: the materials I may edit, publish or unpublish."""
    if not izin.dapat_buat_materi(request.user) and not rules.is_pimpinan(request.user):
        raise Http404
    daftar = selectors.materi_kelola_list(pengguna=request.user)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "komunikasi/materi_kelola.html",
        {"halaman": halaman, "boleh_buat": izin.dapat_buat_materi(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def materi_baru(request):
    if not izin.dapat_buat_materi(request.user):
        raise Http404
    form = MateriForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            m = services.materi_create(
                pelaku=request.user, terbit=form.cleaned_data["terbit"], **_materi_data(form)
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The material is saved."))
            return redirect("komunikasi:materi_detail", pk=m.pk)
    return render(request, "komunikasi/materi_form.html", {"form": form, "m": None})


@login_required
@require_http_methods(["GET", "POST"])
def materi_ubah(request, pk: int):
    m = selectors.materi_kelola_get(pengguna=request.user, pk=pk)
    awal = {
        "judul": m.judul,
        "penjelasan": m.penjelasan,
        "jenis": m.jenis,
        "tahapan": list(m.tahapan.all()),
        "regulasi": list(m.regulasi.all()),
        "tautan_video": m.tautan_video,
        "kerahasiaan": m.kerahasiaan,
        "terbit": m.terbit,
    }
    form = MateriForm(request.POST or None, request.FILES or None, initial=awal)
    form.fields.pop("terbit")
    if request.method == "POST" and form.is_valid():
        try:
            services.materi_update(pelaku=request.user, materi=m, **_materi_data(form))
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The material is saved."))
            return redirect("komunikasi:materi_detail", pk=m.pk)
    return render(request, "komunikasi/materi_form.html", {"form": form, "m": m})


@login_required
@require_POST
def materi_terbit(request, pk: int):
    m = selectors.materi_kelola_get(pengguna=request.user, pk=pk)
    terbit = request.POST.get("terbit") == "1"
    services.materi_set_terbit(pelaku=request.user, materi=m, terbit=terbit)
    messages.success(
        request,
        _("The material is published.") if terbit else _("The material is no longer published."),
    )
    return redirect("komunikasi:materi_detail", pk=m.pk)


@login_required
@require_GET
def materi_statistik(request):
    """Staff: downloads per region and per material of the materials I manage."""
    if not izin.dapat_buat_materi(request.user) and not rules.is_pimpinan(request.user):
        raise Http404
    qs = selectors.materi_kelola_list(pengguna=request.user)
    pilih = angka(request.GET.get("materi"), minimum=1)
    materi_dipilih = None
    if pilih is not None:
        materi_dipilih = selectors.materi_kelola_get(pengguna=request.user, pk=pilih)
        qs = qs.filter(pk=materi_dipilih.pk)
    return render(
        request,
        "komunikasi/materi_statistik.html",
        {"stat": selectors.statistik_unduhan(materi_qs=qs), "materi": materi_dipilih},
    )

"""Event pages: calendar, plan, invite, check in, record, report, coverage."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.akses.backends import client_ip
from sinergi.core import pilih, waktu
from sinergi.core.angka import saring
from sinergi.core.berkas import unduhan
from sinergi.core.luring import HEADER as HEADER_ANTREAN
from sinergi.core.luring import antrean_luring
from sinergi.kegiatan import cakupan as cakupan_mod
from sinergi.kegiatan import forms, izin, laporan, selectors, services
from sinergi.kegiatan.choices import JenisKegiatan, StatusKegiatan
from sinergi.kerawanan import selectors as kerawanan_selectors
from sinergi.wilayah.forms import WilayahCariForm, WilayahField


def _salin_error(form, exc: ValidationError) -> None:
    for name, msgs in exc.message_dict.items():
        for m in msgs:
            form.add_error(name if name in form.fields else None, m)


def _lampiran(data: bytes, nama: str, mime: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=mime)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


def _tautan_undangan(request, token: str) -> str:
    return request.build_absolute_uri(reverse("kegiatan:undangan_publik", args=[token]))


# --- Calendar -----------------------------------------------------------------------------------
def index(request):
    """The calendar: list or month view, filtered by region, kind and stage."""
    from sinergi.tahapan.models import Tahapan

    f = {
        "q": request.GET.get("q", "").strip() or None,
        "jenis": request.GET.get("jenis") or None,
    }
    saringan = forms.FilterKalender(request.GET)
    nilai = saring(saringan)
    f["wilayah"] = nilai.get("wilayah") or None
    f["tahapan"] = nilai.get("tahapan")
    tampilan = "bulan" if request.GET.get("tampilan") == "bulan" else "daftar"
    hari_ini = waktu.hari_ini()
    tahun = nilai.get("tahun") or hari_ini.year
    bulan = nilai.get("bulan") or hari_ini.month
    context = {
        "f": f,
        "saringan": saringan,
        "tampilan": tampilan,
        "jenis_list": JenisKegiatan.choices,
        "tahapan_list": Tahapan.objects.filter(induk__isnull=True)
        .select_related("pemilu")
        .order_by("-pemilu__hari_pemungutan", "urutan"),
        "boleh_buat": izin.dapat_buat(request.user),
        "tahun": tahun,
        "bulan": bulan,
    }
    if tampilan == "bulan":
        minggu, _events = selectors.kalender_bulan(
            pengguna=request.user, tahun=tahun, bulan=bulan, **f
        )
        sebelum = dt.date(tahun, bulan, 1) - dt.timedelta(days=1)
        sesudah = dt.date(tahun, bulan, 28) + dt.timedelta(days=5)
        context.update(
            minggu=minggu,
            judul_bulan=dt.date(tahun, bulan, 1),
            sebelum=sebelum,
            sesudah=sesudah,
        )
    else:
        context["daftar"] = selectors.kegiatan_list(pengguna=request.user, **f)[:200]
    return render(request, "kegiatan/index.html", context)


def publik(request):
    """Upcoming public events (socialization for the public included), for the portal."""
    daftar = selectors.kegiatan_publik(dari=timezone.now() - dt.timedelta(days=1))[:100]
    return render(request, "kegiatan/publik.html", {"daftar": daftar})


# --- Plan -------------------------------------------------------------------------------------
def _data_form(form) -> dict:
    d = dict(form.cleaned_data)
    d["tahapan"] = [int(x) for x in d.get("tahapan") or []]
    d["regulasi"] = [int(x) for x in d.get("regulasi") or []]
    return d


@login_required
@require_http_methods(["GET", "POST"])
def baru(request):
    """Plan an event."""
    if not izin.dapat_buat(request.user):
        raise Http404
    form = forms.KegiatanForm(
        request.POST or None,
        initial={"wilayah": request.user.lembaga.wilayah_id if request.user.lembaga else ""},
    )
    if request.method == "POST" and form.is_valid():
        d = _data_form(form)
        try:
            k = services.kegiatan_create(
                pelaku=request.user,
                jenis=d.pop("jenis"),
                judul=d.pop("judul"),
                wilayah=d.pop("wilayah"),
                mulai=d.pop("mulai"),
                selesai=d.pop("selesai"),
                tahapan=d.pop("tahapan"),
                regulasi=d.pop("regulasi"),
                **d,
            )
        except ValidationError as exc:
            _salin_error(form, exc)
        else:
            messages.success(request, _("The event was planned."))
            return redirect("kegiatan:detail", k.pk)
    return render(request, "kegiatan/form.html", {"form": form, "kegiatan": None})


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request, pk: int):
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    awal = {
        "jenis": k.jenis,
        "judul": k.judul,
        "wilayah": k.wilayah_id,
        "mulai": k.mulai_lokal.replace(tzinfo=None),
        "selesai": k.selesai_lokal.replace(tzinfo=None),
        "tempat": k.tempat,
        "alamat": k.alamat,
        "lintang": k.lintang,
        "bujur": k.bujur,
        "tautan_daring": k.tautan_daring,
        "tahapan": [str(x) for x in k.tahapan.values_list("pk", flat=True)],
        "regulasi": [str(x) for x in k.regulasi.values_list("pk", flat=True)],
        "sasaran": k.sasaran,
        "kerahasiaan": k.kerahasiaan,
        "deskripsi": k.deskripsi,
        "agenda": k.agenda,
    }
    form = forms.KegiatanForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.kegiatan_update(pelaku=request.user, kegiatan=k, **_data_form(form))
        except ValidationError as exc:
            _salin_error(form, exc)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("kegiatan:detail", k.pk)
    return render(request, "kegiatan/form.html", {"form": form, "kegiatan": k})


@login_required
@require_POST
def batal(request, pk: int):
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    form = forms.BatalForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"alasan_batal": [_("Say why the event is cancelled.")]})
        services.kegiatan_cancel(
            pelaku=request.user, kegiatan=k, alasan=form.cleaned_data["alasan"]
        )
    except ValidationError as exc:
        for msgs in exc.message_dict.values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(request, _("The event was cancelled."))
    return redirect("kegiatan:detail", k.pk)


@login_required
@require_POST
def terlaksana(request, pk: int):
    """The organizer marks the event as held; the event report is then prepared in the
    background."""
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    try:
        services.kegiatan_tandai_terlaksana(pelaku=request.user, kegiatan=k)
    except ValidationError as exc:
        for msgs in exc.message_dict.values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(
            request, _("The event was marked as held. The report is being prepared for download.")
        )
    return redirect("kegiatan:detail", k.pk)


def detail(request, pk: int):
    """One event: what, when, where, stages, regulations; the record; links for organizers."""
    k = selectors.kegiatan_get(pengguna=request.user, pk=pk)
    kelola = izin.dapat_kelola(request.user, k)
    url_hadir = request.build_absolute_uri(reverse("kegiatan:hadir_saya", args=[k.pk]))
    return render(
        request,
        "kegiatan/detail.html",
        {
            "k": k,
            "kelola": kelola,
            "boleh_terlaksana": kelola
            and k.status == StatusKegiatan.DIRENCANAKAN
            and k.mulai <= timezone.now(),
            "url_hadir": url_hadir if kelola else "",
            "qr_hadir": laporan.qr_svg(url_hadir, skala=5) if kelola and not k.dibatalkan else "",
            "pernyataan": k.pernyataan.all(),
            "materi": k.materi.all() if request.user.is_authenticated else [],
            "keputusan": k.keputusan.select_related("pemilik"),
            "batal_form": forms.BatalForm(),
        },
    )


# --- Invitations ------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def undangan(request, pk: int):
    """Invite organizations in bulk (type x region x unit) or one contact at a time."""
    from sinergi.pemangku.selectors import kontak_pilih, lembaga_pilih

    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    massal = forms.UndanganMassalForm(
        request.POST if request.POST.get("aksi") == "massal" else None,
        initial={"wilayah": k.wilayah_id},
    )
    satu = forms.UndanganForm(request.POST if request.POST.get("aksi") == "satu" else None)
    if request.method == "POST":
        try:
            if request.POST.get("aksi") == "massal" and massal.is_valid():
                baru = services.undangan_massal(
                    pelaku=request.user, kegiatan=k, **massal.cleaned_data
                )
                messages.success(request, _("%(n)s invitations created.") % {"n": len(baru)})
                return redirect("kegiatan:undangan", k.pk)
            if request.POST.get("aksi") == "satu" and satu.is_valid():
                d = satu.cleaned_data
                kontak = (
                    kontak_pilih(pengguna=request.user, pk=d["kontak"]) if d["kontak"] else None
                )
                lembaga = (
                    lembaga_pilih(pengguna=request.user, pk=d["lembaga"]) if d["lembaga"] else None
                )
                services.undangan_create(
                    pelaku=request.user,
                    kegiatan=k,
                    kontak=kontak,
                    lembaga=lembaga,
                    peran=d["peran"],
                    nama=d["nama"],
                    jabatan=d["jabatan"],
                    email=d["email"],
                )
                messages.success(request, _("The invitation was created."))
                return redirect("kegiatan:undangan", k.pk)
        except ValidationError as exc:
            _salin_error(massal if request.POST.get("aksi") == "massal" else satu, exc)
    cari = request.GET.get("cari", "").strip()
    kontak = []
    if cari:
        from sinergi.pemangku.selectors import kontak_list

        kontak = kontak_list(pengguna=request.user, q=cari)[:20]
    return render(
        request,
        "kegiatan/undangan.html",
        {
            "k": k,
            "massal": massal,
            "satu": satu,
            "daftar": selectors.undangan_list(kegiatan=k),
            "cari": cari,
            "kontak": kontak,
        },
    )


@login_required
def undangan_pratinjau(request, pk: int):
    """How many organizations a bulk invitation would reach (HTMX, as the form changes)."""
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    jenis = request.GET.get("jenis", "")
    try:  # what the person typed so far: a name, a suggestion or a code
        wilayah = WilayahField(required=False).clean(request.GET.get("wilayah", ""))
    except ValidationError:
        wilayah = ""
    n = 0
    if jenis and wilayah:
        sudah = set(k.undangan.values_list("lembaga_id", flat=True))
        n = sum(
            1
            for lem, _k in selectors.sasaran_undangan(
                pengguna=request.user,
                jenis=jenis,
                wilayah=wilayah,
                tingkat=request.GET.get("tingkat") or None,
                unit=request.GET.get("unit", ""),
            )
            if lem.pk not in sudah
        )
    return render(request, "kegiatan/undangan.html#pratinjau", {"n": n})


@require_http_methods(["GET", "POST"])
def undangan_publik(request, token: str):
    """The invitee's personal page (no login): details, RSVP, and the QR code for check-in."""
    u = selectors.undangan_by_token(token)
    if request.method == "POST":
        try:
            services.rsvp(
                token=token,
                jawaban=request.POST.get("jawaban", ""),
                catatan=request.POST.get("catatan", ""),
            )
        except ValidationError as exc:
            for msgs in exc.message_dict.values():
                for m in msgs:
                    messages.error(request, m)
        else:
            messages.success(request, _("Thank you, your answer was saved."))
        return redirect("kegiatan:undangan_publik", token)
    k = u.kegiatan
    return render(
        request,
        "kegiatan/undangan_publik.html",
        {
            "u": u,
            "k": k,
            "qr": laporan.qr_svg(_tautan_undangan(request, token)),
            "tertutup": timezone.now() >= k.selesai or k.dibatalkan,
        },
    )


# --- Attendance -------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def hadir(request, pk: int):
    """The check-in desk: scan a QR code, tick an invitee, or add a walk-in."""
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    tamu = forms.TamuForm(request.POST if request.POST.get("aksi") == "tamu" else None)
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        try:
            if aksi == "qr":
                row, baru = services.hadir_qr(
                    pelaku=request.user, kegiatan=k, token=request.POST.get("token", "")
                )
            elif aksi == "undangan":
                try:
                    u = pilih.satu(
                        k.undangan.all(),
                        request.POST.get("undangan"),
                        field="undangan",
                        pesan=_("Invitation not found."),
                    )
                except ValidationError:
                    raise Http404 from None  # the desk lists this event's invitations only
                row, baru = services.hadir_manual(pelaku=request.user, kegiatan=k, undangan=u)
            elif aksi == "tamu" and tamu.is_valid():
                row, baru = services.hadir_manual(
                    pelaku=request.user, kegiatan=k, **tamu.cleaned_data
                )
            else:
                raise ValidationError({"aksi": [_("Fill in the form.")]})
        except ValidationError as exc:
            galat = [m for msgs in exc.message_dict.values() for m in msgs]
            if request.htmx and aksi == "undangan":  # one tap in the list: answer in the row
                return render(
                    request, "kegiatan/hadir.html#baris", {"k": k, "u": u, "galat": galat}
                )
            for m in galat:
                messages.error(request, m)
        else:
            if request.htmx and aksi == "undangan":  # one tap in the list: swap the row only
                u = selectors.undangan_list(kegiatan=k).get(pk=u.pk)
                return render(request, "kegiatan/hadir.html#baris", {"k": k, "u": u, "baru": baru})
            jam = waktu.format_lokal(row.waktu, k.zona_waktu)
            if baru:
                messages.success(
                    request,
                    _("%(nama)s checked in at %(waktu)s.") % {"nama": row.nama, "waktu": jam},
                )
            else:
                messages.info(
                    request,
                    _("%(nama)s had already checked in at %(waktu)s.")
                    % {"nama": row.nama, "waktu": jam},
                )
        return redirect("kegiatan:hadir", k.pk)
    url_mandiri = request.build_absolute_uri(
        reverse("kegiatan:hadir_mandiri")
        + f"?kode={k.kode_hadir}&t={services.tanda_hadir(k.kode_hadir)}"
    )
    url_hadir = request.build_absolute_uri(reverse("kegiatan:hadir_saya", args=[k.pk]))
    return render(
        request,
        "kegiatan/hadir.html",
        {
            "k": k,
            "tamu": tamu,
            "undangan": selectors.undangan_list(kegiatan=k),
            "kehadiran": selectors.kehadiran_list(kegiatan=k).order_by("-waktu"),
            "qr_mandiri": laporan.qr_svg(url_mandiri, skala=4),
            "url_mandiri": url_mandiri,
            "qr_hadir": laporan.qr_svg(url_hadir, skala=4),
            "url_hadir": url_hadir,
        },
    )


@login_required
@require_POST
def hadir_batal(request, pk: int, kehadiran_id: int):
    """Undo a check-in at the desk; in the invitee list the row swaps back to "Check in"."""
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    row = selectors.kehadiran_list(kegiatan=k).filter(pk=kehadiran_id).first()
    if row is None:
        raise Http404
    services.kehadiran_batal(pelaku=request.user, kehadiran=row)
    if request.htmx and row.undangan_id:
        u = selectors.undangan_list(kegiatan=k).get(pk=row.undangan_id)
        return render(request, "kegiatan/hadir.html#baris", {"k": k, "u": u})
    messages.success(request, _("Check-in of %(nama)s was undone.") % {"nama": row.nama})
    return redirect("kegiatan:hadir", k.pk)


@login_required
@require_POST
def kode_baru(request, pk: int):
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    services.kode_hadir_ganti(pelaku=request.user, kegiatan=k)
    messages.success(request, _("A new check-in code was made; the old one no longer works."))
    return redirect("kegiatan:hadir", k.pk)


@require_http_methods(["GET", "POST"])
@antrean_luring
def hadir_mandiri(request):
    """Self check-in for walk-ins with the event's code (no login). Sending the same check-in
    again (e.g. queued on a phone without signal) is harmless: it is recognised by name and
    organization and answers "already checked in". A refused check-in answers 422."""
    form = forms.HadirMandiriForm(
        request.POST or None,
        initial={"kode": request.GET.get("kode", ""), "tanda": request.GET.get("t", "")},
    )
    hasil = None
    if request.method == "POST" and form.is_valid():
        try:
            row, baru = services.hadir_mandiri(
                **form.cleaned_data, ip=client_ip(request), pengguna=request.user
            )
        except ValidationError as exc:
            _salin_error(form, exc)
        else:
            hasil = {
                "row": row,
                "baru": baru,
                "waktu": waktu.format_lokal(row.waktu, row.kegiatan.zona_waktu),
            }
    status = 422 if request.method == "POST" and hasil is None else 200
    response = render(
        request, "kegiatan/hadir_mandiri.html", {"form": form, "hasil": hasil}, status=status
    )
    if hasil is not None:
        teks = _("%(nama)s is checked in at %(kegiatan)s (%(waktu)s).")
        response.pesan_antrean = [
            teks
            % {
                "nama": hasil["row"].nama,
                "kegiatan": hasil["row"].kegiatan.judul,
                "waktu": hasil["waktu"],
            }
        ]
    return response


@login_required
@require_http_methods(["GET", "POST"])
@antrean_luring
def hadir_saya(request, pk: int):
    """What the event's QR code opens: a signed-in invitee checks in with one tap. The page
    opens offline once it has been opened (the service worker keeps it; an event never opened
    falls back to the self check-in form) and a tap without signal waits on the phone: sent
    again, it is the same check-in ("already checked in"), and a refused replay answers 422
    with the reason for the phone to show."""
    k, u = selectors.kegiatan_hadir_get(pengguna=request.user, pk=pk)
    if request.method == "POST":
        try:
            row, baru = services.hadir_sendiri(pelaku=request.user, kegiatan=k)
        except ValidationError as exc:
            if request.headers.get(HEADER_ANTREAN) == "1":
                galat = [m for msgs in exc.message_dict.values() for m in msgs]
                return render(
                    request,
                    "kegiatan/hadir_saya.html",
                    {"k": k, "u": u, "hadir": None, "galat": galat},
                    status=422,
                )
            for msgs in exc.message_dict.values():
                for m in msgs:
                    messages.error(request, m)
        else:
            jam = waktu.format_lokal(row.waktu, k.zona_waktu)
            if baru:
                messages.success(
                    request, _("You are checked in at %(waktu)s. Welcome!") % {"waktu": jam}
                )
            else:
                messages.info(
                    request, _("You had already checked in at %(waktu)s.") % {"waktu": jam}
                )
        return redirect("kegiatan:hadir_saya", k.pk)
    return render(
        request,
        "kegiatan/hadir_saya.html",
        {"k": k, "u": u, "hadir": getattr(u, "kehadiran", None) if u else None},
    )


@login_required
def daftar_hadir_pdf(request, pk: int):
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    return _lampiran(laporan.daftar_hadir_pdf(k), f"daftar-hadir-{k.pk}.pdf", "application/pdf")


@login_required
def daftar_hadir_xlsx(request, pk: int):
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    return _lampiran(
        laporan.daftar_hadir_xlsx(k),
        f"daftar-hadir-{k.pk}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# --- Record -----------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def catatan(request, pk: int):
    """Agenda and minutes, statements, materials, decisions."""
    from sinergi.pemangku.models import Lembaga
    from sinergi.pemangku.selectors import lembaga_pilih

    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    aksi = request.POST.get("aksi")
    f_catatan = forms.CatatanForm(
        request.POST if aksi == "catatan" else None,
        initial={"agenda": k.agenda, "notulen": k.notulen},
        kegiatan_pk=k.pk,
    )
    f_pernyataan = forms.PernyataanForm(request.POST if aksi == "pernyataan" else None)
    f_materi = forms.MateriForm(
        request.POST if aksi == "materi" else None, request.FILES if aksi == "materi" else None
    )
    f_keputusan = forms.KeputusanForm(request.POST if aksi == "keputusan" else None)
    if request.method == "POST":
        try:
            if aksi == "catatan" and f_catatan.is_valid():
                services.kegiatan_update(pelaku=request.user, kegiatan=k, **f_catatan.cleaned_data)
            elif aksi == "pernyataan" and f_pernyataan.is_valid():
                services.pernyataan_create(
                    pelaku=request.user, kegiatan=k, **f_pernyataan.cleaned_data
                )
            elif aksi == "materi" and f_materi.is_valid():
                services.materi_upload(pelaku=request.user, kegiatan=k, **f_materi.cleaned_data)
            elif aksi == "keputusan" and f_keputusan.is_valid():
                d = f_keputusan.cleaned_data
                pemilik = lembaga_pilih(pengguna=request.user, pk=d["pemilik"], field="pemilik")
                services.keputusan_create(
                    pelaku=request.user,
                    kegiatan=k,
                    uraian=d["uraian"],
                    pemilik=pemilik,
                    tenggat=d["tenggat"],
                )
            else:
                raise ValidationError({"__all__": [_("Check the form.")]})
        except ValidationError as exc:
            form = {
                "catatan": f_catatan,
                "pernyataan": f_pernyataan,
                "materi": f_materi,
                "keputusan": f_keputusan,
            }.get(aksi)
            if form is not None:
                _salin_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("kegiatan:catatan", k.pk)
    pemilik_list = Lembaga.objects.filter(
        pk__in=set(k.undangan.values_list("lembaga_id", flat=True)) | {k.penyelenggara_id}
    ).order_by("jenis__urutan", "nama")
    return render(
        request,
        "kegiatan/catatan.html",
        {
            "k": k,
            "f_catatan": f_catatan,
            "f_pernyataan": f_pernyataan,
            "f_materi": f_materi,
            "f_keputusan": f_keputusan,
            "pernyataan": k.pernyataan.all(),
            "materi": k.materi.all(),
            "keputusan": k.keputusan.select_related("pemilik"),
            "pemilik_list": pemilik_list,
        },
    )


@login_required
def materi_unduh(request, pk: int, materi_id: int):
    """A material, always as a download (never shown inline), for signed-in users who may see
    the event."""
    from sinergi.kegiatan.berkas import MIME

    k = selectors.kegiatan_get(pengguna=request.user, pk=pk)
    m = k.materi.filter(pk=materi_id).first()
    if m is None:
        raise Http404
    ext = "jpg" if m.jenis_berkas == "jpeg" else m.jenis_berkas
    return unduhan(m.berkas, nama=f"materi-{m.pk}.{ext}", tipe=MIME[m.jenis_berkas])


# --- Reports ----------------------------------------------------------------------------------
@login_required
def laporan_pdf(request, pk: int):
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    nama = laporan.nama_laporan(k)
    if default_storage.exists(nama):  # prepared in the background, for this very record
        with default_storage.open(nama, "rb") as f:
            data = f.read()
    else:
        data = laporan.laporan_pdf(k)
    return _lampiran(data, f"laporan-kegiatan-{k.pk}.pdf", "application/pdf")


@login_required
@require_http_methods(["GET", "POST"])
def siaran_pers(request, pk: int):
    """The press release draft, written from the record, editable before use."""
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=pk)
    form = forms.SiaranPersForm(
        request.POST or None, initial={"siaran_pers": k.siaran_pers or laporan.siaran_pers_draf(k)}
    )
    if request.method == "POST":
        if request.POST.get("aksi") == "ulang":
            services.kegiatan_update(pelaku=request.user, kegiatan=k, siaran_pers="")
            messages.success(request, _("The draft was written again from the record."))
            return redirect("kegiatan:siaran_pers", k.pk)
        if form.is_valid():
            services.kegiatan_update(
                pelaku=request.user, kegiatan=k, siaran_pers=form.cleaned_data["siaran_pers"]
            )
            messages.success(request, _("The press release was saved."))
            return redirect("kegiatan:siaran_pers", k.pk)
    return render(request, "kegiatan/siaran_pers.html", {"k": k, "form": form})


# --- Coverage ---------------------------------------------------------------------------------
def _cakupan_dari(request):
    from sinergi.tahapan.models import Pemilu
    from sinergi.tahapan.selectors import pemilu_acuan
    from sinergi.wilayah.selectors import wilayah_get

    pemilu_list = list(Pemilu.objects.order_by("-hari_pemungutan", "slug"))
    # Without a choice: the election whose stages run now, else the nearest one ahead.
    acuan = pemilu_acuan(waktu.hari_ini()) if not request.GET.get("pemilu") else None
    slug = request.GET.get("pemilu") or (acuan.slug if acuan else "")
    pemilu = next((p for p in pemilu_list if p.slug == slug), None)
    bawaan = (
        request.user.lembaga.wilayah_id
        if request.user.lembaga and request.user.lembaga.wilayah_id
        else "35"
    )
    wilayah_form, kode = WilayahCariForm.dari(request, bawaan=bawaan)
    wilayah = wilayah_get(kode)
    jenis = [j for j in request.GET.getlist("jenis") if j]
    tanggal = None
    if request.GET.get("tanggal"):
        try:
            tanggal = dt.date.fromisoformat(request.GET["tanggal"])
        except ValueError:
            tanggal = None
    c = None
    if pemilu and wilayah:
        c = cakupan_mod.cakupan(
            pengguna=request.user,
            pemilu=pemilu,
            wilayah=wilayah,
            jenis=jenis or None,
            tanggal=tanggal,
        )
    # "urutkan menurut kerawanan": rank regencies by a vulnerability framework's latest scores
    kerangka_list = list(
        kerawanan_selectors.kerangka_list(pengguna=request.user).filter(jenis="wilayah")
    )
    kerawanan = next((k for k in kerangka_list if k.slug == request.GET.get("kerawanan")), None)
    if c is not None and kerawanan is not None:
        cakupan_mod.urutkan_kerawanan(c, pengguna=request.user, kerangka=kerawanan)
    return c, {
        "pemilu_list": pemilu_list,
        "pemilu": pemilu,
        "kode": kode,
        "wilayah_form": wilayah_form,
        "jenis": jenis,
        "tanggal": tanggal,
        "kerangka_list": kerangka_list,
        "kerawanan": kerawanan,
    }


@login_required
def cakupan(request):
    """Coverage matrix, per-regency table and map, and the gap list."""
    from sinergi.pemangku.models import JenisLembaga

    c, ctx = _cakupan_dari(request)
    ctx.update(
        c=c,
        jenis_list=JenisLembaga.objects.all(),
        label=cakupan_mod.LABEL,
        query=request.GET.urlencode(),
    )
    return render(request, "kegiatan/cakupan.html", ctx)


@login_required
def cakupan_peta(request):
    """Per-regency coverage as JSON for the map: {kode: {nama, persen, tercapai, total}}."""
    c, _ctx = _cakupan_dari(request)
    data = {}
    if c is not None:
        data = {
            r.wilayah.kode: {
                "nama": r.wilayah.nama,
                "persen": r.persen,
                "tercapai": r.tercapai,
                "total": r.total,
            }
            for r in c.per_wilayah
        }
    return JsonResponse(data)


@login_required
def cakupan_xlsx(request):
    c, _ctx = _cakupan_dari(request)
    if c is None:
        raise Http404
    return _lampiran(
        cakupan_mod.cakupan_xlsx(c),
        f"cakupan-{c.pemilu.slug}-{c.wilayah.kode}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

"""Incident pages: the report form, the triage queue (filters, bulk verify/reject), the detail
(history, attachments, duplicates and merge, routing, transitions), bulk import, and the
public report form and list of verified public incidents."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sinergi.akses import rules
from sinergi.akses.backends import client_ip
from sinergi.core import berkas as inti
from sinergi.core import waktu
from sinergi.core.impor import batas as batas_impor
from sinergi.core.luring import antrean_luring
from sinergi.kejadian import impor, izin, selectors, services
from sinergi.kejadian.filters import FilterKejadian
from sinergi.kejadian.forms import (
    GabungForm,
    ImporForm,
    KejadianForm,
    LampiranForm,
    MassalForm,
    PublikForm,
    TransisiForm,
)
from sinergi.kejadian.models import ImporKejadian, StatusKejadian


def _errors(form, exc: ValidationError) -> None:
    for field, msgs in exc.message_dict.items():
        target = {"kode_tps": "kode_tps", "waktu_kejadian": "waktu", "nomor_tps": "kode_tps"}.get(
            field, field
        )
        form.add_error(target if target in form.fields else None, msgs)


def _kunci(request, form) -> str:
    """The report's idempotency key: the form's hidden field, else the `Idempotency-Key`
    header (as the API), at most as long as the API allows."""
    kunci = form.cleaned_data.get("kunci_idempotensi") or ""
    return (kunci or request.headers.get("Idempotency-Key", "")).strip()[:100]


def _kunci_bentrok(form) -> None:
    """The key was used for another report: say so, and drop the key from the form shown
    again, so that sending it once more makes a new report under a new key."""
    form.add_error(
        None,
        _(
            "A different report was already sent under this form's key, so nothing was saved. "
            "Check the form and send it again: it will be a new report."
        ),
    )
    form.data = form.data.copy()
    form.data["kunci_idempotensi"] = ""


def _pilihan_kategori() -> list[tuple[str, str]]:
    """(code, name in the active language), "other" last."""
    pilihan = [(kode, str(nama)) for kode, nama in services.kategori_aktif().items()]
    return sorted(pilihan, key=lambda kv: kv[0] == "lainnya")


def _daftar_wilayah(user=None):
    """Regions suggested in the region field: provinces and regencies (and, for a regency
    organization, its districts), within the user's scope."""
    from django.db.models import Q

    from sinergi.wilayah.models import Wilayah

    qs = Wilayah.objects.filter(tingkat__in=["provinsi", "kabupaten_kota"])
    if user is not None:
        root = rules.lingkup(user)
        if root is None:
            return Wilayah.objects.none()
        if root:
            qs = Wilayah.objects.filter(Q(kode=root) | Q(kode__startswith=root + "."))
            qs = qs.exclude(tingkat="desa")
            if "." not in root:
                qs = qs.exclude(tingkat="kecamatan")
    return qs.order_by("kode").only("kode", "nama")[:800]


def _waktu_aware(form) -> datetime.datetime | None:
    """The typed local time, made aware in the zone of the chosen region."""
    from sinergi.wilayah.selectors import wilayah_get

    lokal = form.cleaned_data.get("waktu")
    if lokal is None:
        return None
    lokal = timezone.make_naive(lokal) if timezone.is_aware(lokal) else lokal
    w = wilayah_get(form.cleaned_data.get("kode_wilayah") or "")
    return waktu.dari_lokal(lokal, w.zona_waktu if w else "WIB")


def _sekarang_lokal(user=None) -> str:
    zona = "WIB"
    lembaga = getattr(user, "lembaga", None) if user is not None else None
    if lembaga is not None and lembaga.wilayah_id:
        zona = lembaga.wilayah.zona_waktu
    return waktu.ke_lokal(timezone.now(), zona).strftime("%Y-%m-%dT%H:%M")


# --- staff report ---------------------------------------------------------------------------
def _pilihan_tahapan() -> list[tuple[int, str]]:
    """Stages of the three latest elections, to override the suggestion."""
    from sinergi.tahapan.models import Pemilu, Tahapan

    pemilu = list(Pemilu.objects.order_by("-hari_pemungutan", "slug").values_list("pk", flat=True))
    rows = (
        Tahapan.objects.filter(pemilu_id__in=pemilu[:3])
        .select_related("pemilu")
        .order_by("-pemilu__hari_pemungutan", "urutan", "kode")
    )
    return [(t.pk, f"{t.pemilu.label} — {t.kode} {t.label}"[:150]) for t in rows]


@login_required
@antrean_luring
def lapor(request):
    """Report an incident: four fields first, optional details folded; works without JS."""
    if not izin.dapat_lapor(request.user):
        raise Http404
    kategori = _pilihan_kategori()
    if request.method == "POST":
        form = KejadianForm(
            request.POST, request.FILES, kategori=kategori, tahapan=_pilihan_tahapan()
        )
        if form.is_valid():
            d = form.cleaned_data
            try:
                k = services.kejadian_create(
                    pelaku=request.user,
                    kunci_idempotensi=_kunci(request, form),
                    isi=form.isi(),
                    kategori=d["kategori"],
                    kode_wilayah=d["kode_wilayah"],
                    waktu_kejadian=_waktu_aware(form),
                    uraian=d["uraian"],
                    judul=d["judul"],
                    keparahan=d["keparahan"],
                    kerahasiaan=d["kerahasiaan"],
                    sumber=d["sumber"],
                    kode_tps=d["kode_tps"],
                    lat=d["lat"],
                    lng=d["lng"],
                    lampiran=d.get("lampiran") or [],
                    tahapan=d.get("tahapan"),
                )
            except services.KunciBentrok:
                _kunci_bentrok(form)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("The incident was reported. Thank you."))
                return redirect("kejadian:detail", ref=k.ref)
    else:
        initial = {"waktu": _sekarang_lokal(request.user)}
        if request.user.lembaga_id and request.user.lembaga.wilayah_id:
            initial["kode_wilayah"] = request.user.lembaga.wilayah_id
        form = KejadianForm(initial=initial, kategori=kategori, tahapan=_pilihan_tahapan())
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "wilayah": _daftar_wilayah(request.user),
        # A browser never refills a file input: say so when files were sent with an error.
        "lampiran_hilang": len(request.FILES.getlist("lampiran")),
    }
    return render(request, "kejadian/lapor.html", context, status=status)


# --- triage queue ---------------------------------------------------------------------------
def _filters(request) -> tuple[FilterKejadian, dict]:
    form = FilterKejadian(request.GET or None)
    form.is_valid()  # the fields that are valid still filter; the others show their message
    data = getattr(form, "cleaned_data", {})
    return form, {k: v for k, v in data.items() if v not in (None, "")}


@login_required
@require_GET
def antrean(request):
    """The triage queue: filters (category, status, region, dates, source), duplicates per row
    and bulk verify/reject."""
    form, filters = _filters(request)
    if not request.GET:
        filters["status"] = "terbuka"
        form = FilterKejadian(initial={"status": "terbuka"})
    daftar = selectors.kejadian_list(pengguna=request.user, filters=filters)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    baris = list(halaman.object_list)
    dup = selectors.jumlah_duplikat(pengguna=request.user, daftar=baris)
    for k in baris:
        k.jumlah_duplikat = dup.get(k.pk, 0)
    context = {
        "halaman": halaman,
        "baris": baris,
        "f": form,
        "kategori": _pilihan_kategori(),
        "massal": MassalForm(),
        "boleh_massal": izin.is_verifikator(request.user),
        "boleh_lapor": izin.dapat_lapor(request.user),
        "query": request.GET.urlencode(),
    }
    if request.htmx and request.htmx.target == "hasil":
        return render(request, "kejadian/antrean.html#hasil", context)
    return render(request, "kejadian/antrean.html", context)


@login_required
@require_POST
def massal(request):
    """Bulk verify or reject the ticked incidents with one reason."""
    if not izin.is_verifikator(request.user):
        raise Http404
    form = MassalForm(request.POST)
    refs = request.POST.getlist("ref")
    daftar = selectors.kejadian_get_many(pengguna=request.user, refs=refs)
    if refs and not daftar:
        raise Http404
    if not form.is_valid() or not daftar:
        messages.error(request, _("Tick at least one incident and give the reason."))
        return redirect(reverse("kejadian:index") + "?" + request.POST.get("query", ""))
    done, failed = services.kejadian_transisi_massal(
        pelaku=request.user,
        kejadian=daftar,
        status=form.cleaned_data["status"],
        alasan=form.cleaned_data["alasan"],
    )
    if done:
        messages.success(request, _("%(n)s incident(s) changed.") % {"n": len(done)})
    for k, pesan in failed:
        messages.error(request, f"{k}: {pesan}")
    return redirect(reverse("kejadian:index") + "?" + request.POST.get("query", ""))


# --- detail ---------------------------------------------------------------------------------
def _detail_context(request, k, **extra):
    user = request.user
    pilihan = [
        (s.value, s.label)
        for s in StatusKejadian
        if s in services.TRANSISI[StatusKejadian(k.status)] and izin.dapat_transisi(user, k, s)
    ]
    transisi = extra.pop("transisi_form", None) or TransisiForm()
    transisi.fields["status"].choices = pilihan
    verifikator = izin.dapat_verifikasi(user, k)
    return {
        "k": k,
        "waktu_lokal": waktu.format_lokal(k.waktu_kejadian, k.zona_waktu),
        "riwayat": selectors.riwayat_list(kejadian=k),
        "lampiran": selectors.lampiran_list(kejadian=k),
        "duplikat": selectors.kejadian_duplikat(pengguna=user, kejadian=k)[:50],
        "digabung": selectors.digabung_list(pengguna=user, kejadian=k),
        "tindak_lanjut": selectors.tindak_lanjut_list(pengguna=user, kejadian=k),
        "lihat_pelapor": izin.dapat_lihat_pelapor(user, k),
        "transisi_form": transisi,
        "boleh_transisi": bool(pilihan),
        "boleh_gabung": verifikator and k.status not in ("ditolak", "digabung"),
        "boleh_rute": verifikator and k.status in ("terverifikasi", "ditangani"),
        "boleh_lampir": izin.dapat_lampir(user, k),
        "lampiran_form": extra.pop("lampiran_form", None) or LampiranForm(),
        "gabung_form": GabungForm(),
        **extra,
    }


@login_required
@require_GET
def detail(request, ref):
    k = selectors.kejadian_get(pengguna=request.user, ref=ref)
    return render(request, "kejadian/detail.html", _detail_context(request, k))


@login_required
@require_POST
def transisi(request, ref):
    """Change the status with a reason (HTMX: the status card again)."""
    k = selectors.kejadian_get(pengguna=request.user, ref=ref)
    form = TransisiForm(request.POST)
    if form.is_valid():
        try:
            services.kejadian_transisi(
                pelaku=request.user,
                kejadian=k,
                status=form.cleaned_data["status"],
                alasan=form.cleaned_data["alasan"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The status was changed."))
            return redirect("kejadian:detail", ref=k.ref)
    context = _detail_context(request, k, transisi_form=form)
    return render(request, "kejadian/detail.html", context, status=422)


@login_required
@require_POST
def gabung(request, ref):
    """Merge the ticked possible duplicates into this incident."""
    k = selectors.kejadian_get(pengguna=request.user, ref=ref)
    duplikat = selectors.kejadian_get_many(pengguna=request.user, refs=request.POST.getlist("ref"))
    form = GabungForm(request.POST)
    form.is_valid()
    try:
        services.kejadian_gabung(
            pelaku=request.user,
            induk=k,
            duplikat=duplikat,
            alasan=form.cleaned_data.get("alasan", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The reports were merged; each original is kept."))
    return redirect("kejadian:detail", ref=k.ref)


@login_required
@require_POST
def rute(request, ref):
    """Create the missing follow-ups of the duty matrix."""
    k = selectors.kejadian_get(pengguna=request.user, ref=ref)
    try:
        hasil = services.kejadian_rute(pelaku=request.user, kejadian=k)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s new follow-up(s) created.") % {"n": len(hasil.dibuat)})
    return redirect("kejadian:detail", ref=k.ref)


@login_required
@require_POST
def tambah_lampiran(request, ref):
    k = selectors.kejadian_get(pengguna=request.user, ref=ref)
    form = LampiranForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.lampiran_tambah(
                pelaku=request.user, kejadian=k, berkas=form.cleaned_data["berkas"]
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The attachment was added."))
            return redirect("kejadian:detail", ref=k.ref)
    context = _detail_context(request, k, lampiran_form=form)
    return render(request, "kejadian/detail.html", context, status=422)


@login_required
@require_GET
def unduh_lampiran(request, ref, pk: int):
    """Attachments are always a download, only for those who may read the incident."""
    lampiran = selectors.lampiran_get(pengguna=request.user, ref=ref, pk=pk)
    return inti.unduhan(lampiran.berkas, nama=lampiran.nama or "lampiran")


# --- import ---------------------------------------------------------------------------------
@login_required
def impor_halaman(request):
    """Bulk import from CSV/XLSX: the upload is stored and checked by the task runner (never in
    this web process); the status page follows it. Nothing is written when any row is wrong."""
    if not izin.dapat_lapor(request.user):
        raise Http404
    form = ImporForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                job = impor.impor_mulai(pelaku=request.user, berkas=form.cleaned_data["berkas"])
            except ValidationError as exc:
                for pesan in exc.message_dict.get("berkas", exc.messages):
                    form.add_error("berkas", pesan)
            else:
                return redirect("kejadian:impor_status", pk=job.pk)
    return render(
        request,
        "kejadian/impor.html",
        {
            "form": form,
            "kolom": impor.KOLOM,
            "batas": batas_impor(),
            "riwayat": ImporKejadian.objects.filter(pengguna=request.user)[:10],
        },
        status=status,
    )


@login_required
@require_GET
def impor_status(request, pk: int):
    """One import's state (waiting, running, done with its count, failed with the row and
    column of every error); polled by HTMX while it runs. Only its uploader sees it (404)."""
    job = ImporKejadian.objects.filter(pk=pk, pengguna=request.user).first()
    if job is None:
        raise Http404
    template = "kejadian/impor_status.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {"job": job})


@login_required
@require_GET
def impor_templat(request, fmt: str):
    if not izin.dapat_lapor(request.user):
        raise Http404
    if fmt == "csv":
        response = HttpResponse(impor.templat_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            impor.templat_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="templat-kejadian.{fmt}"'
    return response


# --- public ---------------------------------------------------------------------------------
@antrean_luring
def lapor_publik(request):
    """The public report form: no account, throttled per client, moderated (invisible until
    verified). A filled honeypot field is thanked and dropped."""
    kategori = _pilihan_kategori()
    if request.method == "POST":
        form = PublikForm(request.POST, request.FILES, kategori=kategori)
        if form.is_valid():
            d = form.cleaned_data
            if d["situs"]:
                return redirect(reverse("kejadian:lapor_publik") + "?terkirim=1")
            try:
                services.kejadian_lapor_publik(
                    ip=client_ip(request),
                    kunci_idempotensi=_kunci(request, form),
                    isi=form.isi(),
                    kategori=d["kategori"],
                    kode_wilayah=d["kode_wilayah"],
                    waktu_kejadian=_waktu_aware(form),
                    uraian=d["uraian"],
                    nama_pelapor=d["nama_pelapor"],
                    kontak_pelapor=d["kontak_pelapor"],
                    lampiran=d.get("lampiran") or [],
                )
            except services.KunciBentrok:
                _kunci_bentrok(form)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                return redirect(reverse("kejadian:lapor_publik") + "?terkirim=1")
    else:
        form = PublikForm(initial={"waktu": _sekarang_lokal()}, kategori=kategori)
    context = {
        "form": form,
        "wilayah": _daftar_wilayah(),
        "terkirim": request.method == "GET" and request.GET.get("terkirim") == "1",
        "lampiran_hilang": len(request.FILES.getlist("lampiran")),
    }
    return render(
        request,
        "kejadian/lapor_publik.html",
        context,
        status=422 if request.method == "POST" else 200,
    )


@require_GET
def publik(request):
    """Verified PUBLIC incidents: category, region, date and description; never the reporter."""
    form, filters = _filters(request)
    filters = {k: v for k, v in filters.items() if k in {"kategori", "wilayah", "q"}}
    halaman = Paginator(selectors.kejadian_publik_list(filters=filters), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "kejadian/publik.html",
        {"halaman": halaman, "f": form, "kategori": _pilihan_kategori()},
    )

"""Follow-up pages: my organization's list, one follow-up (HTMX status and updates), a new
follow-up, the evidence download and the region list for leadership."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sinergi.akses import rules
from sinergi.core.berkas import unduhan
from sinergi.tindak_lanjut import izin, selectors, services, sumber
from sinergi.tindak_lanjut.choices import TRANSISI, StatusTindakLanjut
from sinergi.tindak_lanjut.filters import FilterTindakLanjut
from sinergi.tindak_lanjut.forms import PembaruanForm, StatusForm, TindakLanjutForm


def _filters(request) -> tuple[FilterTindakLanjut, dict]:
    form = FilterTindakLanjut(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {k: v for k, v in data.items() if v not in (None, "")}


def _errors(form, exc: ValidationError) -> None:
    for field, msgs in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, msgs)


@login_required
@require_GET
def lembaga_saya(request):
    """ "Tindak lanjut lembaga saya": the organization's open follow-ups, overdue first."""
    form, filters = _filters(request)
    daftar = selectors.tindak_lanjut_lembaga_saya(pengguna=request.user, filters=filters)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    context = {
        "halaman": halaman,
        "f": form,
        "judul": _("My organization's follow-ups"),
        "boleh_buat": request.user.lembaga_id
        and izin.dapat_buat(request.user, request.user.lembaga),
        "boleh_wilayah": izin.dapat_lihat_wilayah(request.user),
        "query": request.GET.urlencode(),
    }
    if request.htmx and request.htmx.target == "hasil":
        return render(request, "tindak_lanjut/daftar.html#hasil", context)
    return render(request, "tindak_lanjut/daftar.html", context)


def _detail_context(request, tl, **extra):
    aktif = tl.is_aktif
    pilihan = [
        (s.value, s.label)
        for s in StatusTindakLanjut
        if s in TRANSISI[StatusTindakLanjut(tl.status)]
        and izin.dapat_ubah_status(request.user, tl, s)
    ]
    status_form = extra.pop("status_form", None) or StatusForm()
    status_form.fields["status"].choices = pilihan
    return {
        "tl": tl,
        "sumber": sumber.ringkasan(request.user, tl),
        "pembaruan": selectors.pembaruan_list(tindak_lanjut=tl),
        "status_form": status_form,
        "pembaruan_form": extra.pop("pembaruan_form", None) or PembaruanForm(),
        "boleh_status": aktif and bool(pilihan),
        "boleh_kerjakan": aktif and izin.dapat_kerjakan(request.user, tl),
        **extra,
    }


@login_required
@require_GET
def detail(request, pk: int):
    """One follow-up with its updates, the status form and the update form."""
    tl = selectors.tindak_lanjut_get(pengguna=request.user, pk=pk)
    return render(request, "tindak_lanjut/detail.html", _detail_context(request, tl))


@login_required
@require_POST
def ubah_status(request, pk: int):
    """Change the status (HTMX: the status card again; otherwise back to the page)."""
    tl = selectors.tindak_lanjut_get(pengguna=request.user, pk=pk)
    form = StatusForm(request.POST)
    form.fields["status"].choices = StatusTindakLanjut.choices
    if form.is_valid():
        try:
            tl = services.tindak_lanjut_update_status(
                pelaku=request.user,
                tindak_lanjut=tl,
                status=form.cleaned_data["status"],
                alasan=form.cleaned_data["alasan"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            tl = selectors.tindak_lanjut_get(pengguna=request.user, pk=pk)
            if not request.htmx:
                messages.success(request, _("The status was changed."))
                return redirect("tindak_lanjut:detail", pk=pk)
            form = None
    context = _detail_context(request, tl, status_form=form)
    if request.htmx:
        return render(request, "tindak_lanjut/detail.html#status", context)
    return render(request, "tindak_lanjut/detail.html", context, status=422 if form else 200)


@login_required
@require_POST
def tambah_pembaruan(request, pk: int):
    """Add a progress update with optional evidence."""
    tl = selectors.tindak_lanjut_get(pengguna=request.user, pk=pk)
    form = PembaruanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.tindak_lanjut_add_update(
                pelaku=request.user,
                tindak_lanjut=tl,
                teks=form.cleaned_data["teks"],
                persentase=form.cleaned_data["persentase"],
                berkas=form.cleaned_data["berkas"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The update was saved."))
            return redirect("tindak_lanjut:detail", pk=pk)
    context = _detail_context(request, tl, pembaruan_form=form)
    return render(request, "tindak_lanjut/detail.html", context, status=422)


@login_required
@require_POST
def akui(request, pk: int):
    """The owner organization acknowledges the follow-up."""
    tl = selectors.tindak_lanjut_get(pengguna=request.user, pk=pk)
    services.tindak_lanjut_acknowledge(pelaku=request.user, tindak_lanjut=tl)
    messages.success(request, _("The follow-up was acknowledged."))
    return redirect("tindak_lanjut:detail", pk=pk)


@login_required
@require_GET
def unduh_bukti(request, pk: int, pembaruan_pk: int):
    """Evidence is always a download (attachment), only for those who may read the follow-up."""
    pembaruan = selectors.pembaruan_get(pengguna=request.user, tindak_lanjut_pk=pk, pk=pembaruan_pk)
    if not pembaruan.berkas:
        raise Http404
    return unduhan(pembaruan.berkas, nama=pembaruan.nama_berkas or "bukti")


@login_required
def baru(request):
    """Assign a new follow-up to an organization in the user's scope."""
    from sinergi.pemangku.models import Lembaga

    user = request.user
    if not (rules.is_system_admin(user) or user.peran in izin.PERAN_PEMBUAT):
        raise Http404
    root = rules.lingkup(user)
    if root is None:
        raise Http404
    pilihan = (
        Lembaga.objects.filter(is_active=True)
        .filter(rules.q_wilayah(root))
        .order_by("wilayah_id", "nama")
    )
    if request.method == "POST":
        form = TindakLanjutForm(request.POST)
    else:
        form = TindakLanjutForm(initial={"lembaga": user.lembaga_id})
    form.fields["lembaga"].widget.choices = [(lem.pk, lem.nama) for lem in pilihan[:2000]]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lembaga = pilihan.filter(pk=data["lembaga"]).first()
        if lembaga is None:
            raise Http404
        try:
            tl = services.tindak_lanjut_create(
                pelaku=user,
                lembaga=lembaga,
                judul=data["judul"],
                uraian=data["uraian"],
                tenggat_tanggal=data["tenggat_tanggal"],
                tenggat_jam=data["tenggat_jam"],
                prioritas=data["prioritas"],
                kerahasiaan=data["kerahasiaan"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The follow-up was created."))
            return redirect("tindak_lanjut:detail", pk=tl.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "tindak_lanjut/baru.html", {"form": form}, status=status)


@login_required
@require_GET
def wilayah(request):
    """Leadership: follow-ups per region of their scope (open, overdue, done, escalated)."""
    if not izin.dapat_lihat_wilayah(request.user):
        raise Http404
    form, filters = _filters(request)
    induk = filters.get("wilayah") or None
    baris = selectors.ringkasan_wilayah(pengguna=request.user, induk=induk)
    terlambat = selectors.tindak_lanjut_list(
        pengguna=request.user, filters={"terlambat": True, "wilayah": induk}
    )[:50]
    return render(
        request,
        "tindak_lanjut/wilayah.html",
        {"baris": baris, "terlambat": terlambat, "f": form},
    )

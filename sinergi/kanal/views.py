"""Channel pages: the providers' webhooks (plain views, CSRF-exempt, each proving its origin)
and the staff inbox (list with filters and bulk actions, one message, make it an incident)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sinergi.core import berkas as inti
from sinergi.core import waktu
from sinergi.kanal import izin, selectors, services
from sinergi.kanal.adapter import ADAPTER
from sinergi.kanal.forms import FilterPesan, JadikanKejadianForm, MassalPesanForm
from sinergi.kanal.models import StatusPesan
from sinergi.kejadian.services import kategori_aktif

logger = logging.getLogger("sinergi.kanal")


# --- webhooks ---------------------------------------------------------------------------------
def _adapter(jenis: str):
    adapter = ADAPTER[jenis]
    if not adapter.aktif():
        raise Http404
    return adapter


def _terima(adapter, request) -> list:
    """Verify, parse and store; (stored rows) or an HttpResponse for a refusal."""
    if not adapter.verify(request):
        return HttpResponse("invalid signature", status=403, content_type="text/plain")
    try:
        daftar = adapter.parse(request)
    except ValueError as exc:
        return HttpResponse(f"bad request: {exc}", status=400, content_type="text/plain")
    return [services.pesan_terima(pesan=p) for p in daftar]


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request):
    """Meta's WhatsApp Business Cloud API: the verify-token handshake (GET) and messages
    (POST, signed with the app secret)."""
    adapter = _adapter("whatsapp")
    if request.method == "GET":
        tantangan = adapter.verify_handshake(request.GET)
        if tantangan is None:
            return HttpResponse("forbidden", status=403, content_type="text/plain")
        return HttpResponse(tantangan, content_type="text/plain")
    hasil = _terima(adapter, request)
    if isinstance(hasil, HttpResponse):
        return hasil
    return JsonResponse({"diterima": sum(1 for _p, baru in hasil if baru)})


def _sms_json(payload: dict, status: int = 200) -> JsonResponse:
    return JsonResponse({"payload": payload}, status=status)


def _sms_tugas(daftar) -> list[dict]:
    return [{"to": k.alamat_tujuan, "message": k.isi, "uuid": f"sinergi-{k.pk}"} for k in daftar]


@csrf_exempt
@require_http_methods(["GET", "POST"])
def sms_webhook(request):
    """An SMSSync-style gateway phone: POST one received SMS (answered with the replies to send
    back, as a `send` task), or GET `?task=send` to collect the queued replies (`&nomor=` the
    gateway's own number: only the replies that leave from it)."""
    from django.conf import settings

    adapter = _adapter("sms")
    if not adapter.verify(request):
        return _sms_json({"success": False, "error": "invalid secret"}, status=403)
    if request.method == "GET":
        if request.GET.get("task") != "send":
            return _sms_json({"success": True, "error": None})
        daftar = services.sms_ambil_antrean(nomor=request.GET.get("nomor", "")[:40])
        return _sms_json(
            {"task": "send", "secret": settings.SINERGI_SMS_SECRET, "messages": _sms_tugas(daftar)}
        )
    try:
        [(pesan, _baru)] = [services.pesan_terima(pesan=p) for p in adapter.parse(request)]
    except ValueError as exc:
        return _sms_json({"success": False, "error": str(exc)}, status=400)
    payload = {"success": True, "error": None}
    balasan = services.sms_ambil_antrean(pesan=pesan)
    if balasan:
        payload.update(
            task="send", secret=settings.SINERGI_SMS_SECRET, messages=_sms_tugas(balasan)
        )
    return _sms_json(payload)


@csrf_exempt
@require_POST
def email_webhook(request):
    """An inbound-mail relay: the raw message (message/rfc822) or JSON, with the shared secret
    in `X-Sinergi-Secret`."""
    hasil = _terima(_adapter("email"), request)
    if isinstance(hasil, HttpResponse):
        return hasil
    return JsonResponse({"diterima": sum(1 for _p, baru in hasil if baru)})


# --- the inbox --------------------------------------------------------------------------------
def _zona(user) -> str:
    lembaga = getattr(user, "lembaga", None)
    if lembaga is not None and lembaga.wilayah_id:
        return lembaga.wilayah.zona_waktu
    return "WIB"


def _filters(request) -> tuple[FilterPesan, dict]:
    if not request.GET:
        return FilterPesan(initial={"status": StatusPesan.BARU}), {"status": StatusPesan.BARU}
    form = FilterPesan(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {k: v for k, v in data.items() if v not in (None, "", False)}


def _wajib_kotak(request) -> None:
    if not izin.dapat_kotak(request.user):
        raise Http404


@login_required
@require_GET
def kotak(request):
    """The office's channel inbox: new messages first by default; filters (channel, status,
    text, assigned to me) and bulk actions (noise, assign)."""
    _wajib_kotak(request)
    form, filters = _filters(request)
    daftar = selectors.pesan_list(pengguna=request.user, filters=filters)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    zona = _zona(request.user)
    for p in halaman.object_list:
        p.waktu_tampil = waktu.format_lokal(p.diterima_at, zona)
    context = {
        "halaman": halaman,
        "f": form,
        "massal": MassalPesanForm(),
        "rekan": selectors.rekan_list(pengguna=request.user),
        "query": request.GET.urlencode(),
    }
    if request.htmx and request.htmx.target == "hasil":
        return render(request, "kanal/kotak.html#hasil", context)
    return render(request, "kanal/kotak.html", context)


def _pilihan_kategori() -> list[tuple[str, str]]:
    return list(kategori_aktif().items())


def _form_awal(pesan, zona: str) -> JadikanKejadianForm:
    return JadikanKejadianForm(
        kategori=_pilihan_kategori(),
        initial={
            "waktu": waktu.ke_lokal(pesan.diterima_at, zona).strftime("%Y-%m-%dT%H:%M"),
            "uraian": pesan.isi,
        },
    )


def _detail(request, pesan, form=None, status: int = 200):
    zona = _zona(request.user)
    context = {
        "p": pesan,
        "waktu_tampil": waktu.format_lokal(pesan.diterima_at, zona),
        "form": form or _form_awal(pesan, zona),
        "lampiran": list(pesan.lampiran.all()),
        "balasan": list(pesan.balasan.order_by("pk")),
        "baru": pesan.status == StatusPesan.BARU,
    }
    return render(request, "kanal/detail.html", context, status=status)


@login_required
@require_GET
def detail(request, pk: int):
    """One message with its files and replies, and the form that makes it an incident."""
    return _detail(request, selectors.pesan_get(pengguna=request.user, pk=pk))


@login_required
@require_POST
def jadikan_kejadian(request, pk: int):
    """Make the message an incident (one step), then open the incident."""
    pesan = selectors.pesan_get(pengguna=request.user, pk=pk)
    form = JadikanKejadianForm(request.POST, kategori=_pilihan_kategori())
    if not form.is_valid():
        return _detail(request, pesan, form, status=422)
    lokal = form.cleaned_data["waktu"]
    lokal = timezone.make_naive(lokal) if timezone.is_aware(lokal) else lokal
    try:
        k = services.pesan_jadikan_kejadian(
            pelaku=request.user,
            pesan=pesan,
            kategori=form.cleaned_data["kategori"],
            tempat=form.cleaned_data["tempat"],
            nomor_tps=form.cleaned_data["nomor_tps"],
            waktu_kejadian=waktu.dari_lokal(lokal, _zona(request.user)),
            uraian=form.cleaned_data["uraian"],
            keparahan=form.cleaned_data["keparahan"],
            kerahasiaan=form.cleaned_data["kerahasiaan"],
        )
    except ValidationError as exc:
        for field, msgs in exc.message_dict.items():
            target = {"waktu_kejadian": "waktu"}.get(field, field)
            form.add_error(target if target in form.fields else None, msgs)
        return _detail(request, pesan, form, status=422)
    messages.success(request, _("The message is now incident %(ref)s.") % {"ref": k.ref})
    return redirect("kejadian:detail", ref=k.ref)


@login_required
@require_POST
def derau(request, pk: int):
    """Mark one message as noise."""
    pesan = selectors.pesan_get(pengguna=request.user, pk=pk)
    done, failed = services.pesan_tandai_derau(pelaku=request.user, pesan=[pesan])
    for _p, alasan in failed:
        messages.error(request, alasan)
    if done:
        messages.success(request, _("Marked as noise."))
    return redirect("kanal:index")


@login_required
@require_POST
def massal(request):
    """Bulk actions on the ticked messages: mark as noise, or assign to a colleague."""
    _wajib_kotak(request)
    form = MassalPesanForm(request.POST)
    ids = request.POST.getlist("pesan")
    daftar = selectors.pesan_get_many(pengguna=request.user, ids=ids)
    if ids and not daftar:
        raise Http404
    kembali = reverse("kanal:index") + "?" + request.POST.get("query", "")
    if not form.is_valid() or not daftar:
        messages.error(request, _("Tick at least one message and choose the action."))
        return redirect(kembali)
    try:
        if form.cleaned_data["aksi"] == "derau":
            done, failed = services.pesan_tandai_derau(pelaku=request.user, pesan=daftar)
        else:
            rekan = selectors.rekan_list(pengguna=request.user)
            pengguna = rekan.filter(pk=form.cleaned_data["pengguna"] or 0).first()
            done, failed = services.pesan_tugaskan(
                pelaku=request.user, pesan=daftar, pengguna=pengguna
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(kembali)
    if done:
        messages.success(request, _("%(n)s message(s) changed.") % {"n": len(done)})
    for p, alasan in failed:
        messages.error(request, f"#{p.pk}: {alasan}")
    return redirect(kembali)


@login_required
@require_GET
def unduh_lampiran(request, pk: int, lampiran: int):
    pesan = selectors.pesan_get(pengguna=request.user, pk=pk)
    lamp = pesan.lampiran.filter(pk=lampiran).first()
    if lamp is None:
        raise Http404
    return inti.unduhan(lamp.berkas, nama=lamp.nama, tipe=lamp.jenis_mime or None)

"""Komunikasi pages for an organization's outgoing webhooks: list and add, the detail with
its delivery log, switch on/off, change the address, rotate the secret, send a test, retry a
failed delivery, delete. Only the organization's administrators and system admins; anyone
else's webhook answers 404 (the selectors and services enforce it).

A signing secret is shown once, in the answer to the request that made it (never stored in
the session, never shown again)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.akses import rules
from sinergi.komunikasi import izin, selectors, services
from sinergi.komunikasi.forms import WebhookForm
from sinergi.komunikasi.views import _errors, _pesan_error

LOG_PER_HALAMAN = 20


def _cek(user) -> None:
    if not izin.dapat_kelola_webhook(user):
        raise Http404


def _lembaga_qs(user):
    """The organization choice of the add form: only system admins choose."""
    if rules.is_system_admin(user):
        return selectors.lembaga_webhook_pilihan(pengguna=user)
    return None


def _dengan_rahasia(request, template: str, konteks: dict, status: int = 200):
    """A page that may carry a fresh secret: never cached."""
    resp = render(request, template, konteks, status=status)
    add_never_cache_headers(resp)
    return resp


@login_required
@require_http_methods(["GET", "POST"])
def webhook_list(request):
    """The organization's webhooks with their last delivery, and the add form; after adding,
    the new secret is shown once."""
    _cek(request.user)
    lembaga_qs = _lembaga_qs(request.user)
    status, baru, rahasia = 200, None, None
    if request.method == "POST":
        form = WebhookForm(request.POST, lembaga_qs=lembaga_qs)
        if form.is_valid():
            lembaga = form.cleaned_data.get("lembaga")
            try:
                baru, rahasia = services.webhook_create(
                    pelaku=request.user,
                    url=form.cleaned_data["url"],
                    lembaga_id=lembaga.pk if lembaga else None,
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                form = WebhookForm(lembaga_qs=lembaga_qs)
        if rahasia is None:
            status = 422
    else:
        form = WebhookForm(
            lembaga_qs=lembaga_qs,
            initial={"lembaga": request.user.lembaga_id} if lembaga_qs is not None else None,
        )
    daftar = selectors.webhook_list(pengguna=request.user)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    return _dengan_rahasia(
        request,
        "komunikasi/webhook_list.html",
        {
            "halaman": halaman,
            "form": form,
            "baru": baru,
            "rahasia": rahasia,
            "zona": selectors.zona_pengguna(request.user),
        },
        status=status,
    )


def _detail(request, w, *, form=None, rahasia=None, status=200):
    log = selectors.pengiriman_webhook_list(webhook=w)
    halaman = Paginator(log, LOG_PER_HALAMAN).get_page(request.GET.get("page"))
    konteks = {
        "w": w,
        "halaman": halaman,
        "zona": selectors.zona_pengguna(request.user),
        "form": form or WebhookForm(initial={"url": w.url}),
        "rahasia": rahasia,
    }
    if request.htmx and request.htmx.target == "log-pengiriman":
        return render(request, "komunikasi/webhook_log.html", konteks)
    return _dengan_rahasia(request, "komunikasi/webhook_detail.html", konteks, status=status)


@login_required
@require_http_methods(["GET"])
def webhook_detail(request, pk: int):
    """One webhook: its settings, actions and delivery log (paginated, newest first)."""
    return _detail(request, selectors.webhook_get(pengguna=request.user, pk=pk))


@login_required
@require_POST
def webhook_ubah(request, pk: int):
    """Change the address; the form keeps what was typed when it is refused."""
    w = selectors.webhook_get(pengguna=request.user, pk=pk)
    form = WebhookForm(request.POST)
    if form.is_valid():
        try:
            services.webhook_ubah(pelaku=request.user, webhook=w, url=form.cleaned_data["url"])
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The webhook address is saved."))
            return redirect("komunikasi:webhook_detail", pk=w.pk)
    w = selectors.webhook_get(pengguna=request.user, pk=pk)
    return _detail(request, w, form=form, status=422)


@login_required
@require_POST
def webhook_aktif(request, pk: int):
    """Switch the webhook on (aktif=1) or off (aktif=0)."""
    w = selectors.webhook_get(pengguna=request.user, pk=pk)
    aktif = request.POST.get("aktif") == "1"
    services.webhook_ubah(pelaku=request.user, webhook=w, is_active=aktif)
    if aktif:
        messages.success(request, _("The webhook is active."))
    else:
        messages.success(request, _("The webhook is switched off; nothing is sent to it."))
    return redirect("komunikasi:webhook_detail", pk=w.pk)


@login_required
@require_POST
def webhook_rotasi(request, pk: int):
    """Make a new signing secret and show it once."""
    w = selectors.webhook_get(pengguna=request.user, pk=pk)
    rahasia = services.webhook_rotasi(pelaku=request.user, webhook=w)
    return _detail(request, w, rahasia=rahasia)


@login_required
@require_POST
def webhook_uji(request, pk: int):
    """Queue a signed test call (`ping`); it appears in the delivery log."""
    w = selectors.webhook_get(pengguna=request.user, pk=pk)
    services.webhook_uji(pelaku=request.user, webhook=w)
    messages.success(request, _("A test call is queued; its result appears in the log below."))
    return redirect("komunikasi:webhook_detail", pk=w.pk)


@login_required
@require_http_methods(["GET", "POST"])
def webhook_hapus(request, pk: int):
    """Confirm, then delete the webhook and its delivery log."""
    w = selectors.webhook_get(pengguna=request.user, pk=pk)
    if request.method == "POST":
        url = w.url
        services.webhook_hapus(pelaku=request.user, webhook=w)
        messages.success(request, _("The webhook %(url)s is deleted.") % {"url": url})
        return redirect("komunikasi:webhook")
    return render(request, "komunikasi/webhook_hapus.html", {"w": w})


@login_required
@require_POST
def pengiriman_ulang(request, pk: int):
    """Queue a failed delivery again."""
    d = selectors.pengiriman_webhook_get(pengguna=request.user, pk=pk)
    try:
        services.pengiriman_webhook_ulang(pelaku=request.user, pengiriman=d)
    except ValidationError as exc:
        _pesan_error(request, exc)
    else:
        messages.success(request, _("The delivery is queued again."))
    return redirect("komunikasi:webhook_detail", pk=d.webhook_id)

"""Early-warning pages (`/kejadian/peringatan/…`): the alerts (filters, acknowledge/close with a
reason), one alert, the subscriptions of an organization (its administrators), the rules
(administrators) and the staff dashboard of a region."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sinergi.kejadian import dasbor as dasbor_sel
from sinergi.kejadian import peringatan as svc
from sinergi.kejadian.models import AturanPeringatan, Keparahan, StatusPeringatan
from sinergi.wilayah.forms import WilayahCariForm, WilayahField


class FilterPeringatan(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Open (active and acknowledged)")),
            *StatusPeringatan.choices,
            ("semua", gettext_lazy("All")),
        ],
    )
    keparahan = forms.ChoiceField(
        label=gettext_lazy("Severity"),
        required=False,
        choices=[("", gettext_lazy("All")), *Keparahan.choices],
    )
    wilayah = WilayahField(required=False, help_text="")
    aturan = forms.CharField(label=gettext_lazy("Rule"), required=False, max_length=60)
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("New status"),
        choices=[
            (StatusPeringatan.DITANGANI, gettext_lazy("Acknowledge")),
            (StatusPeringatan.DITUTUP, gettext_lazy("Close")),
        ],
    )
    alasan = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required to close."),
    )


class LanggananForm(forms.Form):
    aturan = forms.ModelChoiceField(
        label=gettext_lazy("Rule"),
        queryset=AturanPeringatan.objects.filter(is_active=True),
        required=False,
        empty_label=gettext_lazy("Every rule"),
    )
    kode_wilayah = WilayahField(
        required=False, help_text=gettext_lazy("Empty: your organization's own region.")
    )
    email = forms.BooleanField(label=gettext_lazy("E-mail at once"), required=False, initial=True)
    webhook = forms.BooleanField(label=gettext_lazy("Signed webhook"), required=False)
    ringkasan_harian = forms.BooleanField(
        label=gettext_lazy("Daily digest"), required=False, initial=True
    )


def _filters(request) -> tuple[FilterPeringatan, dict]:
    form = FilterPeringatan(request.GET or None)
    form.is_valid()  # the fields that are valid still filter; the others show their message
    data = getattr(form, "cleaned_data", {})
    return form, {k: v for k, v in data.items() if v not in (None, "")}


def _errors(form, exc: ValidationError) -> None:
    for field, msgs in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, msgs)


@login_required
@require_GET
def peringatan_list(request):
    """The alerts the user may see, newest first."""
    form, filters = _filters(request)
    daftar = svc.peringatan_list(pengguna=request.user, filters=filters)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "kejadian/peringatan/daftar.html",
        {
            "halaman": halaman,
            "f": form,
            "query": request.GET.urlencode(),
            "boleh_langganan": svc.dapat_kelola_langganan(request.user),
            "boleh_aturan": svc.dapat_lihat_aturan(request.user),
        },
    )


def _detail(request, p, status_form=None, code=200):
    return render(
        request,
        "kejadian/peringatan/detail.html",
        {
            "p": p,
            "status_form": status_form or StatusForm(),
            "boleh_tangani": p.status != StatusPeringatan.DITUTUP
            and svc.dapat_tangani(request.user, p),
        },
        status=code,
    )


@login_required
@require_GET
def peringatan_detail(request, pk: int):
    return _detail(request, svc.peringatan_get(pengguna=request.user, pk=pk))


@login_required
@require_POST
def peringatan_status(request, pk: int):
    """Acknowledge or close (with a reason) an alert; errors keep what was typed."""
    p = svc.peringatan_get(pengguna=request.user, pk=pk)
    if not svc.dapat_tangani(request.user, p):
        raise Http404
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            svc.peringatan_ubah_status(
                pelaku=request.user,
                peringatan=p,
                status=form.cleaned_data["status"],
                alasan=form.cleaned_data["alasan"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The alert was updated."))
            return redirect("kejadian:peringatan_detail", pk=p.pk)
    p.refresh_from_db()
    return _detail(request, p, form, code=422)


@login_required
@require_http_methods(["GET", "POST"])
def langganan(request):
    """The organization's subscriptions, for its administrators (404 for others)."""
    if not svc.dapat_kelola_langganan(request.user):
        raise Http404
    form = LanggananForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.langganan_create(pelaku=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Subscription saved."))
            return redirect("kejadian:langganan")
    return render(
        request,
        "kejadian/peringatan/langganan.html",
        {
            "form": form,
            "daftar": svc.langganan_list(pengguna=request.user),
            "pengiriman": svc.pengiriman_webhook_list(pengguna=request.user)[:20],
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def langganan_hapus(request, pk: int):
    obj = svc.langganan_get(pengguna=request.user, pk=pk)
    svc.langganan_delete(pelaku=request.user, langganan=obj)
    messages.success(request, _("Subscription removed."))
    return redirect("kejadian:langganan")


@login_required
@require_GET
def aturan_list(request):
    """The early-warning rules with their parameters (administrators; 404 for others)."""
    if not svc.dapat_lihat_aturan(request.user):
        raise Http404
    return render(
        request,
        "kejadian/peringatan/aturan.html",
        {"daftar": svc.aturan_list(pengguna=request.user)},
    )


@login_required
@require_GET
def dasbor(request):
    """The staff dashboard of a region (`?wilayah=35`, default the user's scope;
    `?hari=30` the window)."""
    try:
        hari = int(request.GET.get("hari") or dasbor_sel.HARI_BAKU)
    except ValueError:
        hari = dasbor_sel.HARI_BAKU
    f, kode = WilayahCariForm.dari(request)
    data = dasbor_sel.dasbor_data(pengguna=request.user, kode=kode or None, hari=hari)
    if not f.is_bound:
        f = WilayahCariForm(initial={"wilayah": data["wilayah"]["kode"] or ""})
    return render(request, "kejadian/peringatan/dasbor.html", {"d": data, "f": f})

"""Account pages: my account, API tokens, members (for organization admins), audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sinergi.akses import rules, selectors, services
from sinergi.akses.forms import FormAnggota, FormAudit, FormMasuk, FormToken, FormUndang
from sinergi.akses.models import Peran
from sinergi.core.middleware import tanpa_kompresi


def _form_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class MasukView(auth_views.LoginView):
    template_name = "akses/login.html"
    authentication_form = FormMasuk


@login_required
def saya(request):
    """The signed-in user's account: organization, role and region scope."""
    user = request.user
    root = rules.lingkup(user)
    return render(
        request,
        "akses/saya.html",
        {
            "lingkup": root,
            "dapat_kelola": rules.is_system_admin(user) or rules.is_admin_lembaga(user),
            "dapat_audit": rules.dapat_lihat_audit(user),
        },
    )


@login_required
@tanpa_kompresi
def token_index(request):
    """The user's API tokens, and a form to create one (its secret is shown only once)."""
    baru = None
    if request.method == "POST":
        form = FormToken(request.POST)
        if form.is_valid():
            try:
                _token, baru = services.token_create(
                    pelaku=request.user,
                    nama=form.cleaned_data["nama"],
                    hari=form.cleaned_data["hari"],
                    read_only=form.cleaned_data["read_only"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                form = FormToken()
    else:
        form = FormToken()
    return render(
        request,
        "akses/token.html",
        {"form": form, "baru": baru, "daftar": selectors.token_list(pengguna=request.user)},
        status=200 if baru or request.method == "GET" or form.is_valid() else 422,
    )


@login_required
@require_POST
def token_cabut(request, pk: int):
    """Revoke one of the user's own tokens; anyone else's answers 404."""
    token = services.token_revoke(pelaku=request.user, token_id=pk)
    messages.success(request, _("Token “%(nama)s” is revoked.") % {"nama": token.nama})
    return redirect("akses:token")


def _cek_admin(user) -> None:
    if not (rules.is_system_admin(user) or rules.is_admin_lembaga(user)):
        raise Http404


@login_required
def anggota_index(request):
    """Members of the admin's organization subtree, with the invitation form."""
    _cek_admin(request.user)
    lembaga_qs = selectors.lembaga_kelola_list(pengguna=request.user)
    status = 200
    if request.method == "POST":
        form = FormUndang(request.POST, lembaga_qs=lembaga_qs)
        if form.is_valid():
            try:
                user = services.anggota_undang(
                    pelaku=request.user,
                    email=form.cleaned_data["email"],
                    nama=form.cleaned_data["nama"],
                    lembaga=form.cleaned_data["lembaga"],
                    peran=form.cleaned_data["peran"],
                    base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("An invitation was sent to %(email)s.") % {"email": user.email},
                )
                return redirect("akses:anggota")
        status = 422
    else:
        form = FormUndang(lembaga_qs=lembaga_qs, initial={"lembaga": request.user.lembaga_id})
    q = request.GET.get("q", "").strip()[:100]
    halaman = Paginator(selectors.anggota_list(pengguna=request.user, q=q), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "akses/anggota.html",
        {"form": form, "halaman": halaman, "q": q, "peran_choices": Peran.choices},
        status=status,
    )


@login_required
@require_POST
def anggota_ubah(request, pk: int):
    """Change a member's role or status (POST from the members page)."""
    _cek_admin(request.user)
    form = FormAnggota(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect("akses:anggota")
    try:
        if form.cleaned_data["peran"]:
            services.anggota_set_peran(
                pelaku=request.user, user_id=pk, peran=form.cleaned_data["peran"]
            )
        if form.cleaned_data["aktif"]:
            services.anggota_set_aktif(
                pelaku=request.user, user_id=pk, aktif=form.cleaned_data["aktif"] == "1"
            )
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for e in errors:
                messages.error(request, e)
    else:
        messages.success(request, _("The member is updated."))
    return redirect("akses:anggota")


@login_required
def audit_index(request):
    """The audit trail, read-only: system admins see all, organization admins their subtree."""
    if not rules.dapat_lihat_audit(request.user):
        raise Http404
    form = FormAudit(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.audit_list(
        pengguna=request.user,
        actor=filters.get("actor") or "",
        object_type=filters.get("object_type") or "",
        action=filters.get("action") or "",
        sejak=filters.get("sejak"),
        sampai=filters.get("sampai"),
    )
    halaman = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "halaman": halaman,
        "query": query.urlencode(),
        "object_types": selectors.audit_object_types(pengguna=request.user),
    }
    if request.htmx:
        return render(request, "akses/audit.html#hasil", context)
    return render(request, "akses/audit.html", context)


class UndanganView(auth_views.PasswordResetConfirmView):
    """The invitation link: the invited member chooses a password, then signs in."""

    template_name = "akses/sandi_atur.html"
    success_url = reverse_lazy("akses:login")
    extra_context = {"judul": gettext_lazy("Accept the invitation")}

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. You can sign in now."))
        with services.sandi_konteks(cara="undangan"):
            return super().form_valid(form)


class ResetView(auth_views.PasswordResetView):
    template_name = "akses/sandi_reset.html"
    email_template_name = "akses/email/reset.txt"
    subject_template_name = "akses/email/reset_subjek.txt"
    success_url = reverse_lazy("akses:reset_terkirim")


class ResetAturView(auth_views.PasswordResetConfirmView):
    template_name = "akses/sandi_atur.html"
    success_url = reverse_lazy("akses:login")
    extra_context = {"judul": gettext_lazy("Choose a new password")}

    def form_valid(self, form):
        messages.success(self.request, _("Your password is changed. You can sign in now."))
        with services.sandi_konteks(cara="reset"):
            return super().form_valid(form)

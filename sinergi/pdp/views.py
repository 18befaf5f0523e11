"""One page for a person's personal data: look up, download (JSON), erase after confirming."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sinergi.akses import rules
from sinergi.pdp import services


@login_required
@require_http_methods(["GET", "POST"])
def data_pribadi(request):
    if not rules.dapat_kelola_data_pribadi(request.user):
        raise Http404
    sumber = request.POST if request.method == "POST" else request.GET
    email, telepon = sumber.get("email", ""), sumber.get("telepon", "")
    aksi = request.POST.get("aksi", "") if request.method == "POST" else ""
    konteks: dict = {"email": email, "telepon": telepon, "errors": {}}
    if not (email or telepon) and not aksi:
        return render(request, "pdp/data_pribadi.html", konteks)
    try:
        if aksi == "ekspor":
            data = services.data_pribadi_ekspor(pelaku=request.user, email=email, telepon=telepon)
            resp = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            resp["Content-Disposition"] = 'attachment; filename="data-pribadi.json"'
            return resp
        if aksi == "hapus":
            jumlah = services.data_pribadi_hapus(
                pelaku=request.user,
                email=email,
                telepon=telepon,
                konfirmasi=request.POST.get("konfirmasi") == "1",
            )
            messages.success(
                request,
                _("The personal data was anonymised in %(n)s records; the account is deactivated.")
                % {"n": sum(jumlah.values())},
            )
            return redirect("pdp:index")
        subjek, temuan = services.data_pribadi_cari(
            pelaku=request.user, email=email, telepon=telepon
        )
        konteks.update(subjek=subjek, jumlah=temuan.jumlah, konfirmasi=aksi == "tinjau")
    except ValidationError as exc:
        konteks["errors"] = {k: v[0] for k, v in exc.message_dict.items()}
        status = 422
        if "konfirmasi" in konteks["errors"]:  # not confirmed: show the confirmation again
            subjek, temuan = services.data_pribadi_cari(
                pelaku=request.user, email=email, telepon=telepon
            )
            konteks.update(subjek=subjek, jumlah=temuan.jumlah, konfirmasi=True)
    else:
        status = 200
    return render(request, "pdp/data_pribadi.html", konteks, status=status)

"""Sign-in: email and password, refused while the email or IP address is locked out."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver


def client_ip(request) -> str | None:
    """The client's address; behind the trusted reverse proxy, the one it appended."""
    if request is None:
        return None
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class EmailBackend(ModelBackend):
    """Django's model backend with the lockout of `services.masuk_terkunci` in front, so that
    every sign-in path (the login page, the admin) is throttled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from sinergi.akses.services import masuk_terkunci

        email = username or kwargs.get("email") or ""
        if masuk_terkunci(email=email, ip=client_ip(request)):
            return None
        return super().authenticate(request, username=email, password=password, **kwargs)


@receiver(user_login_failed)
def _catat_gagal(sender, credentials, request=None, **kwargs):
    from sinergi.akses.services import masuk_gagal_catat

    masuk_gagal_catat(email=credentials.get("username", ""), ip=client_ip(request))


@receiver(user_logged_in)
def _catat_berhasil(sender, request, user, **kwargs):
    from sinergi.akses.services import masuk_berhasil, sesi_dicatat

    masuk_berhasil(email=user.email)
    sesi_dicatat(user=user, masuk=True, ip=client_ip(request))


@receiver(user_logged_out)
def _catat_keluar(sender, request, user, **kwargs):
    from sinergi.akses.services import sesi_dicatat

    if user is not None and user.is_authenticated:
        sesi_dicatat(user=user, masuk=False, ip=client_ip(request))

"""Users and everything that decides what they may see and do."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class Peran(models.TextChoices):
    """A user's role in their organization; what each may do is decided in `rules.py`."""

    ADMIN_SISTEM = "admin_sistem", _("System administrator")
    ADMIN_LEMBAGA = "admin_lembaga", _("Organization administrator")
    KOORDINATOR = "koordinator", _("Coordinator")
    OPERATOR = "operator", _("Operator")
    ANALIS = "analis", _("Analyst")
    PENGAMAT = "pengamat", _("Viewer")


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address and belongs to one organization."""

    email = models.EmailField(_("email address"), unique=True)
    nama = models.CharField(_("full name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can log into the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anggota",
    )
    peran = models.CharField(
        _("role"), max_length=20, choices=Peran.choices, default=Peran.PENGAMAT
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.nama or self.email

    def get_full_name(self) -> str:
        return self.nama or self.email

    def get_short_name(self) -> str:
        return (self.nama or self.email).split(" ")[0]


class TokenAPI(models.Model):
    """A personal API token. Only a SHA-256 hash of the secret is stored; the full token
    (`sng_<prefix>_<secret>`) is shown once when it is created."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="token_api"
    )
    nama = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    hash = models.CharField(_("hash"), max_length=64)
    read_only = models.BooleanField(_("read-only"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.nama} (sng_{self.prefix}_…)"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class JenisPercobaan(models.TextChoices):
    MASUK = "masuk", _("sign-in")
    KODE_HADIR = "kode_hadir", _("self check-in code")


class PercobaanGagal(models.Model):
    """A failed attempt (a sign-in, a self check-in code): recent failures for one key (an
    email address, a user) or one IP address lock that kind of attempt for a while. Kept in
    the database so that the lock holds across several app processes."""

    jenis = models.CharField(
        _("kind"), max_length=20, choices=JenisPercobaan.choices, default=JenisPercobaan.MASUK
    )
    kunci = models.CharField(_("key"), max_length=254, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("failed attempt")
        verbose_name_plural = _("failed attempts")
        indexes = [
            models.Index(fields=["jenis", "kunci", "created_at"], name="akses_percobaan_kunci_idx"),
            models.Index(fields=["jenis", "ip", "created_at"], name="akses_percobaan_jenis_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.jenis} {self.kunci or self.ip} {self.created_at:%Y-%m-%d %H:%M}"

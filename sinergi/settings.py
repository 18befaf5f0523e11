"""Sinergi settings: one file, read from the environment (see `.env.example`).

Safe defaults for one machine (SQLite under `var/`, a generated development key). With
`SINERGI_MODE=production` the secure settings switch on and the process refuses to start
without a real secret key and host names.
"""

import secrets
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import leaflet as xstatic_leaflet

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

VAR_DIR = Path(env.str("SINERGI_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SINERGI_MODE = env.str("SINERGI_MODE", default="development")
if SINERGI_MODE not in {"development", "production"}:
    raise ImproperlyConfigured("SINERGI_MODE must be 'development' or 'production'.")
PRODUCTION = SINERGI_MODE == "production"


def _secret_key() -> str:
    key = env.str("SINERGI_SECRET_KEY", default="")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SINERGI_SECRET_KEY is required when SINERGI_MODE=production "
            '(generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))").'
        )
    # Development: a key generated once and kept under var/, never committed.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("SINERGI_DEBUG", default=False)
ALLOWED_HOSTS = env.list(
    "SINERGI_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("SINERGI_ALLOWED_HOSTS is required when SINERGI_MODE=production.")
CSRF_TRUSTED_ORIGINS = env.list("SINERGI_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "sinergi.core",
    "sinergi.akses",
    "sinergi.wilayah",
    "sinergi.tahapan",
    "sinergi.regulasi",
    "sinergi.pemangku",
    "sinergi.kerawanan",
    "sinergi.tindak_lanjut",
    "sinergi.kegiatan",
    "sinergi.komunikasi",
    "sinergi.kejadian",
    "sinergi.pdp",
    "sinergi.kanal",
    "sinergi.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sinergi.core.middleware.KebijakanKontenMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files are precompressed) and above everything that writes the
    # body. See docs/deployment.md "Compression".
    "sinergi.core.middleware.KompresiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sinergi.core.middleware.BahasaMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "sinergi.urls"
WSGI_APPLICATION = "sinergi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sinergi.core.context_processors.sinergi",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{(VAR_DIR / 'sinergi.sqlite3').as_posix()}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            # WAL lets readers and one writer work at once; IMMEDIATE avoids deadlocking upgrades.
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;PRAGMA temp_store=MEMORY;PRAGMA cache_size=-20000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("SINERGI_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("SINERGI_CACHE_URL", default="locmemcache://sinergi")}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "akses.User"
LOGIN_URL = "akses:login"
LOGIN_REDIRECT_URL = "portal:dasbor"
LOGOUT_REDIRECT_URL = "portal:beranda"
AUTHENTICATION_BACKENDS = ["sinergi.akses.backends.EmailBackend"]
# Sessions last a working day; pages send the CSRF token from the template (base.html), so
# no script needs to read the cookie.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# A form sent after its page expired gets the branded page saying to reload it.
CSRF_FAILURE_VIEW = "sinergi.portal.galat.csrf_gagal"
# Invitation and password-reset links expire after three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Validates nothing: records every password set in the audit trail (never the password).
    {"NAME": "sinergi.akses.services.CatatSandi"},
]
EMAIL_BACKEND = env.str(
    "SINERGI_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("SINERGI_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("SINERGI_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("SINERGI_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("SINERGI_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("SINERGI_EMAIL_USE_TLS", default=False)
# Seconds an SMTP call may wait (Django's default is none: a silent mail server would hold the
# task runner for ever).
EMAIL_TIMEOUT = env.int("SINERGI_EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("SINERGI_DEFAULT_FROM_EMAIL", default="Sinergi <noreply@localhost>")
SINERGI_BASE_URL = env.str("SINERGI_BASE_URL", default="http://127.0.0.1:8000")
# UU PDP 27/2022: days a closed public report keeps its reporter's name and contact.
SINERGI_RETENSI_PELAPOR_HARI = env.int("SINERGI_RETENSI_PELAPOR_HARI", default=365)

# --- Message channels (sinergi/kanal, docs/panduan/kanal.md) ----------------------------------
# Each channel is off (its webhook answers 404) until enabled with its secret.
SINERGI_WA_ENABLED = env.bool("SINERGI_WA_ENABLED", default=False)
SINERGI_WA_VERIFY_TOKEN = env.str("SINERGI_WA_VERIFY_TOKEN", default="")
SINERGI_WA_APP_SECRET = env.str("SINERGI_WA_APP_SECRET", default="")
SINERGI_WA_ACCESS_TOKEN = env.str("SINERGI_WA_ACCESS_TOKEN", default="")
SINERGI_WA_GRAPH_URL = env.str("SINERGI_WA_GRAPH_URL", default="https://graph.facebook.com/v21.0")
SINERGI_SMS_ENABLED = env.bool("SINERGI_SMS_ENABLED", default=False)
SINERGI_SMS_SECRET = env.str("SINERGI_SMS_SECRET", default="")
SINERGI_EMAIL_INTAKE_ENABLED = env.bool("SINERGI_EMAIL_INTAKE_ENABLED", default=False)
SINERGI_EMAIL_INTAKE_SECRET = env.str("SINERGI_EMAIL_INTAKE_SECRET", default="")
SINERGI_EMAIL_INTAKE_IMAP_URL = env.str("SINERGI_EMAIL_INTAKE_IMAP_URL", default="")
SINERGI_EMAIL_INTAKE_IMAP_FOLDER = env.str("SINERGI_EMAIL_INTAKE_IMAP_FOLDER", default="INBOX")
# Where replies go: the real providers, or "lokal" (kept in memory; tests and development).
SINERGI_KANAL_KELUAR = env.str("SINERGI_KANAL_KELUAR", default="sinergi.kanal.keluar.Asli")

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Dates, times and numbers per language (sinergi/formats/<lang>/formats.py, sinergi.core.format)
FORMAT_MODULE_PATH = ["sinergi.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"

# --- Static files (served by the app itself: it must work offline) --------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing root before collectstatic
STATICFILES_DIRS = [("leaflet", xstatic_leaflet.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "sinergi.core.statis.StatisSinergi"},
}
if "pytest" in sys.modules:
    # Tests serve files straight from the apps (no collectstatic, no hashed names).
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Files not yet collected (a fresh checkout) are still found and served.
WHITENOISE_MANIFEST_STRICT = False
WHITENOISE_USE_FINDERS = True
# Uploaded files live outside the web root and are only ever served by views that check access.
MEDIA_ROOT = Path(env.str("SINERGI_MEDIA_ROOT", default=str(VAR_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("SINERGI_MAX_BODY_BYTES", default=10 * 1024 * 1024)

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SINERGI_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SINERGI_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
if env.bool("SINERGI_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# --- Imports (CSV/XLSX files from people) ---------------------------------------------------
# Checked before a parser opens the file (sinergi/core/impor.py); imports run in the task runner.
SINERGI_IMPOR_MAKS_MB = env.int("SINERGI_IMPOR_MAKS_MB", default=10)
SINERGI_IMPOR_MAKS_BARIS = env.int("SINERGI_IMPOR_MAKS_BARIS", default=5000)
# The vulnerability imports carry the national TPS registry (~820,000 rows): their own limits.
SINERGI_KERAWANAN_MAKS_BYTE = env.int("SINERGI_KERAWANAN_MAKS_BYTE", default=100 * 1024 * 1024)
SINERGI_KERAWANAN_MAKS_BARIS = env.int("SINERGI_KERAWANAN_MAKS_BARIS", default=1_000_000)

# --- Background tasks (django-tasks) ------------------------------------------------------
# Tasks are rows in the database, shared by every app process; `sinergi worker` processes run
# them (and `sinergi up` starts one beside the server). See sinergi/core/tasks.py.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
if "pytest" in sys.modules:
    # Tests run tasks at once, in-process; a test that exercises the queue overrides TASKS.
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Replies of the message channels are kept in memory (sinergi.kanal.keluar.Lokal.kotak).
    SINERGI_KANAL_KELUAR = "sinergi.kanal.keluar.Lokal"

# --- API ------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# --- Logging: one line per event on stderr; the server (Granian) writes one per request ------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env.str("SINERGI_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
    },
}

"""Settings, read from the environment (and an optional `.env` file) through django-environ.

The defaults give the embedded set-up: SQLite in `var/`, a local-memory cache and
console email, so `make run` needs no configuration. Production is anything with
DEBUG off: there a missing SECRET_KEY stops the process at start-up, and HTTPS
hardening is on unless HTTPS=False says the site is served over plain HTTP.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Variables already in the environment win over the file.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG off) needs a long random SECRET_KEY "
            "in the environment or in .env; `make run` writes one for local use."
        )
    # Development only (DEBUG on): sessions just need to survive a reload.
    SECRET_KEY = "development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The site's public address, used in feeds, emails and `Link: rel="blocked-by"`.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env.str("SITE_NAME", default="Syndicate")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "axes",
    "csp",
    # Not django.contrib.syndication: it shares our app label, and its Feed
    # class works without being installed.
    "syndication",
]

MIDDLEWARE = [
    "syndication.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "syndication.middleware.CSPMiddleware",
    # Cached public pages are answered here, with the headers of the
    # middleware above and without the work of the middleware below.
    "syndication.views.public.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "syndication.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# PostgreSQL when DATABASE_URL is set, else the embedded SQLite file.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: one per worker thread, checked before reuse.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Server-side prepared statements: a query run a few times on a connection
    # is planned once. Planning the article lookup cost more than running it
    # (many indexes on one table). Searches opt out (see search.py). Set
    # DB_PREPARE_THRESHOLD=0 behind a pooler in transaction mode (e.g.
    # PgBouncer), which cannot keep them.
    _prepare_threshold = env.int("DB_PREPARE_THRESHOLD", default=5)
    if _prepare_threshold > 0:
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=_prepare_threshold
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
# Local memory is right only for one process (`make run`). Rate limits and
# page caches must be shared by every worker, so production sets CACHE_URL
# to Redis (redis://host:6379/0), served by Django's Redis backend.
_cache_url = env.str("CACHE_URL", default="locmemcache://syndication")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            # Django's own Redis backend, minus a per-call client object.
            "BACKEND": "syndication.redis_cache.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="syn"),
        }
    }
else:
    CACHES = {"default": env.cache_url_config(_cache_url)}

# --- Email ----------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A hung mail server must not hold a claimant's request for long; what fails
# stays in the outbox for `send_takedown_emails`.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=5)
# Who hears about new takedown requests.
LEGAL_TEAM_EMAILS = env.list("LEGAL_TEAM_EMAILS", default=["legal@localhost"])

# --- Auth -----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Admin login lockout: 5 failures from one address, or for one account,
# lock that address or account out for 15 minutes (stored in the database,
# so it holds across workers).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "syndication.clientip.axes_client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security -------------------------------------------------------------
# HTTPS=False is for serving over plain HTTP on a developer machine.
HTTPS = env.bool("HTTPS", default=not DEBUG)
# How many reverse proxies of ours sit in front of the app; their
# X-Forwarded-For entries name the client (syndication/clientip.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT:
    # Only a proxy of ours may say the request came over HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Article bodies may show images from their original publishers.
        "img-src": ["'self'", "https:", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# --- Public reader site ---------------------------------------------------
# How long a cached public page may live; edits invalidate it sooner (see
# syndication/caching.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)


# --- Takedowns ------------------------------------------------------------
# When on, claimed articles are hidden as soon as a request is received.
TAKEDOWN_HIDE_ON_RECEIPT = env.bool("TAKEDOWN_HIDE_ON_RECEIPT", default=False)


def _rate(name, default):
    """A rate limit written "COUNT/SECONDS", e.g. "5/600"; a malformed one stops start-up."""
    value = env.str(name, default=default)
    try:
        count, seconds = (int(part) for part in value.split("/"))
        if count < 1 or seconds < 1:
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(
            f'{name} must look like "5/600" (requests per seconds), not {value!r}.'
        ) from None
    return count, seconds


# Per client, counted in the shared cache so the limit holds across workers.
TAKEDOWN_RATE_LIMIT = _rate("TAKEDOWN_RATE_LIMIT", "5/600")  # stored notices
TAKEDOWN_ATTEMPT_RATE_LIMIT = _rate("TAKEDOWN_ATTEMPT_RATE_LIMIT", "20/600")  # any POST
TAKEDOWN_STATUS_RATE_LIMIT = _rate("TAKEDOWN_STATUS_RATE_LIMIT", "10/600")
# Clients are told apart by syndication.clientip (see TRUSTED_PROXY_COUNT).


# --- Feed import ----------------------------------------------------------
FEED_USER_AGENT = env.str(
    "FEED_USER_AGENT", default=f"{SITE_NAME} feed importer (+{SITE_URL}/takedown/)"
)
FEED_CONNECT_TIMEOUT = env.float("FEED_CONNECT_TIMEOUT", default=10.0)
# Between two reads; FEED_TOTAL_TIMEOUT bounds a feed that trickles in.
FEED_READ_TIMEOUT = env.float("FEED_READ_TIMEOUT", default=30.0)
FEED_TOTAL_TIMEOUT = env.float("FEED_TOTAL_TIMEOUT", default=120.0)
FEED_MAX_BYTES = env.int("FEED_MAX_BYTES", default=5 * 1024 * 1024)
# "Fetch feed now" in the admin waits at most this long (seconds) in all.
FEED_ADMIN_TIMEOUT = env.int("FEED_ADMIN_TIMEOUT", default=20)
FEED_MAX_REDIRECTS = env.int("FEED_MAX_REDIRECTS", default=5)
# An entry whose body is longer than this many characters is refused.
FEED_MAX_ENTRY_CHARS = env.int("FEED_MAX_ENTRY_CHARS", default=1_000_000)
# Off in production: feeds on private, loopback or link-local addresses are
# refused, so a feed URL cannot reach into our own network. Tests and a
# local development feed server turn it on.
FEED_ALLOW_PRIVATE_ADDRESSES = env.bool("FEED_ALLOW_PRIVATE_ADDRESSES", default=False)

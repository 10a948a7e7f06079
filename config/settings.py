"""Settings, read from the environment (and an optional `.env` file) through django-environ.

The defaults give the embedded set-up: SQLite in `var/`, a local-memory cache and
console email, so `make run` needs no configuration. Production is anything with
DEBUG off: there a missing SECRET_KEY stops the process at start-up, and HTTPS
hardening is on unless HTTPS=False says the site is served over plain HTTP.
"""

from datetime import date, timedelta
from pathlib import Path

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from js_asset import Script

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Variables already in the environment win over the file.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """A true/false variable; any other spelling stops the process.

    django-environ reads anything it does not recognise as false, so a typo
    such as HTTPS=flase would silently turn off the HTTPS redirect, HSTS and
    secure cookies.
    """
    value = env.str(name, default="").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be true or false (or 1/0, yes/no, on/off), not {env.str(name)!r}."
    )


DEBUG = env_bool("DEBUG", default=False)

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
    "django_prose_editor",  # the article body's rich-text editor (its static files)
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
    "csp.middleware.CSPMiddleware",
    # ETag on every page, and 304 for a browser or feed reader that has it.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's language: the footer's choice (a cookie), else the browser's.
    "django.middleware.locale.LocaleMiddleware",
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
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes share the embedded file (gunicorn workers, management
    # commands, the cache table): readers never wait for the writer (WAL), and
    # a writer takes its lock when its transaction starts, so two writers wait
    # their turn instead of failing with "database is locked" mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL;", transaction_mode="IMMEDIATE", timeout=20
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
# The page cache must be shared by every process of the site (gunicorn
# workers, management commands, other machines), so there is no per-process
# default: without CACHE_URL it is Django's database cache, in the database
# above (every `migrate` makes its table, see syndication/apps.py).
# Production sets CACHE_URL to Redis (redis://host:6379/0).
_cache_url = env.str("CACHE_URL", default="")
if _cache_url:
    CACHES = {"default": env.cache_url_config(_cache_url)}
    CACHES["default"].setdefault("KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default="syn"))
    if _cache_url.startswith(("redis://", "rediss://")):
        # A Redis that hangs must not hang every page (pages are served uncached
        # then) nor the purge after a change (it is kept for a retry instead).
        _cache_timeout = env.float("CACHE_TIMEOUT", default=0.5)
        CACHES["default"].setdefault("OPTIONS", {}).update(
            socket_connect_timeout=_cache_timeout, socket_timeout=_cache_timeout
        )
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "syndication_cache",
            # Room for every page of a small site before the oldest third is culled.
            "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 3},
        }
    }

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
# Staff land on the admin after logging in (Django's default is /accounts/profile/).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en"
# The public site in English and German, chosen by the reader's browser
# (Accept-Language) or the language links in the footer (a cookie); the
# URLs are the same in both. Emails to a claimant go in the notice's language.
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them ("2 December 2026", "2. Dezember 2026").
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Uploaded files (the rights ledger's evidence). Nothing serves this folder to
# the public: staff open each file through the admin, which checks their rights.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "private")
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
HTTPS = env_bool("HTTPS", default=not DEBUG)
# How many reverse proxies of ours sit in front of the app; their
# X-Forwarded-For entries name the client (syndication/clientip.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT:
    # Only a proxy of ours may say the request came over HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
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
        # NONCE: the admin's article editor needs one inline element, its import
        # map (JSON naming the editor's modules); it gets the request's nonce.
        # A page that uses no nonce gets none in its header, so every public
        # page keeps script-src 'self' alone.
        "script-src": ["'self'", NONCE],
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

# The article body's editor (syndication/editor.py): a preset of our own,
# static/js/article_editor.js, that builds the editor without an inline style.
DJANGO_PROSE_EDITOR_PRESETS = {
    "article": [
        Script("django_prose_editor/editor.js", type="module"),
        Script("js/article_editor.js", type="module"),
    ],
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
# How long a public page may be kept, in the page cache and in front caches
# (s-maxage); every public change purges what it affects sooner (see
# syndication/frontcache.py). 0 turns both off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# The front caches (Varnish with xkey) to purge after each public change, as
# URLs: "http://varnish:80,http://varnish2:80". None in the embedded set-up.
FRONT_CACHES = env.list("FRONT_CACHES", default=[])
# Seconds to wait for one front cache to answer a purge; one that fails is
# kept for `manage.py retry_purges` and shown to staff in the admin.
FRONT_CACHE_TIMEOUT = env.float("FRONT_CACHE_TIMEOUT", default=2.0)


# --- Rights ledger --------------------------------------------------------
# Whether the site is non-commercial: only then does a feed's declared CC
# licence with the NonCommercial (NC) term count as a permission. Off by
# default: advertising or sponsorship makes a site commercial.
LEDGER_NON_COMMERCIAL_SITE = env_bool("LEDGER_NON_COMMERCIAL_SITE", default=False)
# Permissions ending within this many days are listed for editors.
LEDGER_ENDING_SOON_DAYS = env.int("LEDGER_ENDING_SOON_DAYS", default=30)


# --- Takedowns ------------------------------------------------------------
# When on, claimed articles are hidden as soon as a request is received.
TAKEDOWN_HIDE_ON_RECEIPT = env_bool("TAKEDOWN_HIDE_ON_RECEIPT", default=False)
# The Legal team's target time from a notice to its decision, in days;
# open requests older than this are overdue (admin list, index, reminders).
TAKEDOWN_TARGET_DAYS = env.int("TAKEDOWN_TARGET_DAYS", default=7)
if TAKEDOWN_TARGET_DAYS < 1:
    raise ImproperlyConfigured("TAKEDOWN_TARGET_DAYS must be a whole number of days, 1 or more.")
# `send_takedown_reminders` lists an overdue request again after this many hours.
TAKEDOWN_REMINDER_HOURS = env.int("TAKEDOWN_REMINDER_HOURS", default=24)
# Target time for deciding an appeal or a counter-notice (a second look is due sooner).
TAKEDOWN_APPEAL_TARGET_DAYS = env.int("TAKEDOWN_APPEAL_TARGET_DAYS", default=7)
if TAKEDOWN_APPEAL_TARGET_DAYS < 1:
    raise ImproperlyConfigured(
        "TAKEDOWN_APPEAL_TARGET_DAYS must be a whole number of days, 1 or more."
    )
# A claimant may appeal a rejection for this many days after it (the DSA's
# Article 20 asks for at least six months).
TAKEDOWN_APPEAL_DAYS = env.int("TAKEDOWN_APPEAL_DAYS", default=183)
if TAKEDOWN_APPEAL_DAYS < 183:
    raise ImproperlyConfigured("TAKEDOWN_APPEAL_DAYS must be at least 183 (six months).")
# After a counter-notice, removed articles come back after this many business
# days unless court action is recorded (17 U.S.C. § 512(g)(2)(C): 10 to 14).
TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS = env.int("TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS", default=10)
if not 10 <= TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS <= 14:
    raise ImproperlyConfigured("TAKEDOWN_COUNTER_NOTICE_BUSINESS_DAYS must be from 10 to 14.")
# Public holidays that are not business days, as YYYY-MM-DD dates separated by commas
# (e.g. the US federal holidays), so the counter-notice period is never short.
try:
    TAKEDOWN_HOLIDAYS = frozenset(
        date.fromisoformat(day.strip()) for day in env.list("TAKEDOWN_HOLIDAYS", default=[])
    )
except ValueError as exc:
    raise ImproperlyConfigured(f"TAKEDOWN_HOLIDAYS must list YYYY-MM-DD dates: {exc}") from None
# Repeat-infringer policy: a source with this many accepted notices within
# the window stops being imported from, and the editors are told.
REPEAT_INFRINGER_STRIKES = env.int("REPEAT_INFRINGER_STRIKES", default=3)
REPEAT_INFRINGER_WINDOW_DAYS = env.int("REPEAT_INFRINGER_WINDOW_DAYS", default=365)
# Open records of decisions (syndication/records/): the EU DSA Transparency
# Database's API (base URL, e.g. https://transparency.dsa.ec.europa.eu, and the
# platform's API token) and Lumen's (e.g. https://lumendatabase.org). Empty:
# statements and notices are recorded and exported, not sent.
DSA_TDB_URL = env.str("DSA_TDB_URL", default="")
DSA_TDB_TOKEN = env.str("DSA_TDB_TOKEN", default="")
DSA_TDB_TIMEOUT = env.float("DSA_TDB_TIMEOUT", default=30.0)
LUMEN_URL = env.str("LUMEN_URL", default="")
LUMEN_TOKEN = env.str("LUMEN_TOKEN", default="")
LUMEN_TIMEOUT = env.float("LUMEN_TIMEOUT", default=30.0)


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


# Per client, counted in the database (syndication/ratelimit.py), so the limit holds
# across workers and machines, and while the cache is down.
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
FEED_ALLOW_PRIVATE_ADDRESSES = env_bool("FEED_ALLOW_PRIVATE_ADDRESSES", default=False)
# Saving a source resolves its feed's host and refuses it as a fetch would.
FEED_RESOLVE_ON_SAVE = env_bool("FEED_RESOLVE_ON_SAVE", default=True)

# Processes beside the importer's that sanitise a big import's bodies
# (syndication/ingest/parallel.py); 0: all in the importer's own.
FEED_IMPORT_PROCESSES = env.int("FEED_IMPORT_PROCESSES", default=1)

# --- Feed polling (syndication/ingest/polling.py) --------------------------
# Fetches of one host (and port) at once, across all pollers and workers.
FEED_PER_HOST_CONCURRENCY = env.int("FEED_PER_HOST_CONCURRENCY", default=2)
# Threads of the embedded poller (`import_feeds`, no broker needed).
FEED_POLL_WORKERS = env.int("FEED_POLL_WORKERS", default=32)
# Each poll of a round starts after a random wait of up to this many seconds.
FEED_POLL_START_JITTER = env.float("FEED_POLL_START_JITTER", default=5.0)
# The next fetch comes after the interval plus up to this fraction of it, at random.
FEED_POLL_JITTER = env.float("FEED_POLL_JITTER", default=0.1)
# The longest wait before the next fetch, whatever Retry-After, max-age or back-off say.
FEED_MAX_POLL_DELAY = env.int("FEED_MAX_POLL_DELAY", default=24 * 3600)
# A poll holds its source for at most this many seconds (in case its process dies).
FEED_POLL_LEASE = env.int("FEED_POLL_LEASE", default=600)
# A new article whose text is at least this similar (0 to 1, estimated share
# of shared word shingles) to an earlier one is flagged and never auto-published.
FEED_DUPLICATE_SIMILARITY = env.float("FEED_DUPLICATE_SIMILARITY", default=0.5)
# Full text from article pages (sources that opt in and allow it): at most
# this many pages per import, each within this many seconds, and a main text
# shorter than this many characters is not taken for the article.
FEED_FULL_TEXT_MAX_PAGES = env.int("FEED_FULL_TEXT_MAX_PAGES", default=20)
FEED_FULL_TEXT_TIMEOUT = env.float("FEED_FULL_TEXT_TIMEOUT", default=20.0)
FEED_FULL_TEXT_MIN_CHARS = env.int("FEED_FULL_TEXT_MIN_CHARS", default=200)
# A feed failing for this long is flagged to editors, once.
FEED_FAILING_AFTER = timedelta(hours=env.float("FEED_FAILING_AFTER_HOURS", default=24))

# --- Celery (config/celery.py) -------------------------------------------
# Production polls feeds on Celery workers with Redis as the broker
# (redis://redis:6379/1). Empty in the embedded set-up: no broker, and
# `import_feeds` (cron or --every) polls with the same rules.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="syndication")
CELERY_TASK_IGNORE_RESULT = True  # results that matter are stored on the models
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-poll leaves the task for another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery's Django fix-up closes every database connection before and after
# each task unless this is set (celery/fixups/django.py, Celery 5.x; the
# setting is read there, not listed in Celery's settings reference): a new
# PostgreSQL connection for every poll. Set, it only recycles one every this
# many tasks, and config/celery.py handles connections as Django does around
# a request (CONN_MAX_AGE, and a broken one dropped). bench/poll_bench.py's
# Celery round, against the code before in the same period: 14.6 s instead
# of 20.8 s, the workers' CPU 15.6 s instead of 18.2 s.
CELERY_DB_REUSE_MAX = 1000
# Seconds between the beat's looks for due sources.
FEED_POLL_TICK = env.int("FEED_POLL_TICK", default=60)
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {"task": "syndication.tasks.poll_due_sources", "schedule": FEED_POLL_TICK},
    # The rights ledger: articles whose permission ended or was revoked leave the site.
    "withdraw-unpermitted": {"task": "syndication.tasks.withdraw_unpermitted", "schedule": 300},
}

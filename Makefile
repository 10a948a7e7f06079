# The project's verbs. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Where `make run` serves the site, e.g. `make run ADDRESS=127.0.0.1:8080`.
ADDRESS ?= 127.0.0.1:8000

.PHONY: run test lint format bench check clean messages messages-check

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The Nu HTML checker (vnu-jar, package.json) that the tests run on every kind of page.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm install --no-audit --no-fund --silent
	touch $(NODE_STAMP)

# The German catalogue, compiled from locale/de/LC_MESSAGES/django.po (gettext's msgfmt).
MO := locale/de/LC_MESSAGES/django.mo
$(MO): locale/de/LC_MESSAGES/django.po
	msgfmt --check-format -o $(MO) locale/de/LC_MESSAGES/django.po
# Extracts every marked string of the project into the German catalogue.
MAKEMESSAGES := $(BIN)/python manage.py makemessages -l de -e html,txt,xsl,py --no-location \
	--ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench

# A local .env with a freshly generated SECRET_KEY, for plain-HTTP use on this machine.
.env:
	@$(PYTHON) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50)); print('DEBUG=False'); print('HTTPS=False')" > .env
	@echo "Wrote .env with a new SECRET_KEY (kept out of git)."

run: $(STAMP) $(MO) .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py seed_demo --print-logins --base-url http://$(ADDRESS)
	$(BIN)/gunicorn config.wsgi --bind $(ADDRESS) --workers 2 --threads 4 --access-logfile -

test: $(STAMP) $(NODE_STAMP) $(MO)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings_test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings_test $(BIN)/python manage.py makemigrations --check --dry-run

# After marking strings: add them to the catalogue (then translate the empty ones).
messages: $(STAMP)
	$(MAKEMESSAGES)

# CI: every string the code marks has a German translation, none fuzzy.
messages-check: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings_test $(MAKEMESSAGES) --verbosity 0
	@untranslated=$$(msgattrib --untranslated --no-obsolete locale/de/LC_MESSAGES/django.po | grep -c '^msgid ' || true); \
	fuzzy=$$(msgattrib --only-fuzzy --no-obsolete locale/de/LC_MESSAGES/django.po | grep -c '^msgid ' || true); \
	if [ "$$untranslated$$fuzzy" != "00" ]; then \
	  echo "German catalogue: $$untranslated untranslated and $$fuzzy fuzzy strings:"; \
	  msgattrib --untranslated --no-obsolete locale/de/LC_MESSAGES/django.po; \
	  msgattrib --only-fuzzy --no-obsolete locale/de/LC_MESSAGES/django.po; \
	  exit 1; \
	fi; echo "German catalogue: every string translated."

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules var/static .pytest_cache

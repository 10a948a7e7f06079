# The project's verbs. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Where `make run` serves the site, e.g. `make run ADDRESS=127.0.0.1:8080`.
ADDRESS ?= 127.0.0.1:8000

.PHONY: run test lint format bench check clean

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

# A local .env with a freshly generated SECRET_KEY, for plain-HTTP use on this machine.
.env:
	@$(PYTHON) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50)); print('DEBUG=False'); print('HTTPS=False')" > .env
	@echo "Wrote .env with a new SECRET_KEY (kept out of git)."

run: $(STAMP) .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py seed_demo --print-logins --base-url http://$(ADDRESS)
	$(BIN)/gunicorn config.wsgi --bind $(ADDRESS) --workers 2 --threads 4 --access-logfile -

test: $(STAMP) $(NODE_STAMP)
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

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules var/static .pytest_cache

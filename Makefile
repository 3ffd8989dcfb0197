# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step
# they depend on, each redone only when its inputs change.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := FLASK_APP=wsgi $(BIN)/flask
HOST ?= 127.0.0.1
PORT ?= 5000

SASS_SOURCES := $(wildcard static/src/*.scss static/src/brand/*.scss instance/_brand.scss)
JS_SOURCES := $(wildcard static/js/*.mjs)
# Our own files, served as they are (the compiled ones are static/dist's targets below).
OWN_STATIC := $(shell find static/images static/js -type f)
CATALOGUES := $(wildcard translations/*/LC_MESSAGES/messages.po)

.PHONY: run test lint unit setup assets translations database demo system-deps clean

run: setup demo
	$(FLASK) run --host $(HOST) --port $(PORT)

test: setup system-deps lint
	$(BIN)/python -m pytest -p no:cacheprovider

setup: $(VENV)/.installed assets translations database

# --- Python -------------------------------------------------------------------------
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# --- Front end: GOV.UK Frontend under the council's brand -----------------------------
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: build/manifest.json

# instance/_brand.scss, when a council has one, is found before the default brand.
static/dist/portal.css: node_modules/.installed $(SASS_SOURCES)
	mkdir -p static/dist
	node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps \
	  --load-path=instance --load-path=static/src/brand --load-path=node_modules \
	  static/src/portal.scss $@

static/dist/portal.js: node_modules/.installed $(JS_SOURCES)
	mkdir -p static/dist
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/dist/
	cp static/js/portal.mjs $@

# Every served file again under a name that changes with its content, with gzip and Brotli
# copies, and the manifest of new names the portal reads (portal/assets/build.py).
build/manifest.json: $(VENV)/.installed static/dist/portal.css static/dist/portal.js \
                     $(OWN_STATIC) $(wildcard portal/assets/*.py)
	$(BIN)/python -m portal.assets.build

# --- Translations -----------------------------------------------------------------------
translations: translations/.compiled

translations/.compiled: $(CATALOGUES) $(VENV)/.installed
	$(BIN)/pybabel compile -d translations --statistics
	touch $@

# --- Database: the first run creates it, every run upgrades it --------------------------
database: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) taxonomy seed

demo: setup
	$(FLASK) demo load

# --- Checks -------------------------------------------------------------------------------
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --configfile pyproject.toml --recursive portal

unit: $(VENV)/.installed
	$(BIN)/python -m pytest -p no:cacheprovider tests/unit

# Chromium for the browser tests, PostgreSQL for the second database run and Redis for the
# shared rate limits, from Debian.
system-deps:
	@command -v chromium >/dev/null || ./scripts/apt-install chromium
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ./scripts/apt-install postgresql
	@command -v redis-server >/dev/null || ./scripts/apt-install redis-server
	@ldconfig -p | grep -q libpango-1.0 || ./scripts/apt-install libpango-1.0-0 libpangoft2-1.0-0

clean:
	rm -rf $(VENV) node_modules static/dist build translations/.compiled translations/*/LC_MESSAGES/*.mo

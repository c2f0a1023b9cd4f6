# Front door of the Hengyang Central Hospital portal. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WITH_DB := scripts/with-db.sh
MANAGE := $(WITH_DB) $(BIN)/python manage.py

.PHONY: help run test lint format migrations-check db-stop db-status install install-dev system-deps \
        backup restore serve clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	@touch $@

$(BIN)/.installed-dev: requirements.txt requirements-dev.txt constraints.txt $(BIN)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	@touch $@

.env:
	@printf '# Local settings for development (git-ignored). See .env.example for every variable.\nDEBUG=true\n' > $@

var:
	@mkdir -p var/static var/media

install: $(BIN)/.installed .env var ## Create .venv and install the runtime requirements

install-dev: $(BIN)/.installed-dev .env var ## Install the test and lint requirements too

system-deps: ## Install Chromium and a Chinese font from Debian when missing (as root)
	@scripts/install-system-deps.sh

run: install ## Install, migrate, load the hospital's content, create the admin account and serve on :$(PORT)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_hospital_content
	$(MANAGE) ensure_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install-dev system-deps ## Lint, check migrations and run every test (browser tests included) on PostgreSQL
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	BENCHMARK=true $(MANAGE) makemigrations --check --dry-run
	$(WITH_DB) $(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev ## Ruff format check and lint
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install-dev ## Format the code and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install ## Fail if a model change has no migration
	BENCHMARK=true $(MANAGE) makemigrations --check --dry-run

db-stop: ## Stop this checkout's private PostgreSQL cluster
	@scripts/db.sh stop

db-status: ## Tell whether this checkout's private PostgreSQL cluster runs
	@scripts/db.sh status

clean: ## Remove the virtualenv, collected static files and caches (keeps the database and media)
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache

.PHONY: bench synthetic-data
bench: install-dev ## Every page type under load through deploy/gunicorn.conf.py against same-run baselines and whitenoise (scale-1 data)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || { echo "wrk missing: apt-get install wrk"; exit 1; }
	$(BIN)/python scripts/bench.py

synthetic-data: install ## Add clearly marked synthetic records (SCALE=0.1 by default); never part of make run
	BENCHMARK=true $(MANAGE) migrate --no-input -v0
	BENCHMARK=true $(MANAGE) generate_synthetic_data --scale $${SCALE:-0.1}

.PHONY: constraints
constraints: ## Re-pin, in constraints.txt, every package the requirements resolve to (after changing one)
	rm -rf .venv-constraints && $(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	{ sed -n '/^#/p' constraints.txt; .venv-constraints/bin/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf .venv-constraints

.PHONY: serve audit
serve: install ## Production server: needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL; migrates, collects static, runs gunicorn
	PORT=$(PORT) scripts/serve.sh

audit: install-dev ## pip-audit the pinned runtime requirements; fails when the advisory service cannot be reached
	scripts/audit.sh

backup: install ## Back up the database and the media into one archive, backups/portal-<timestamp>.tar.gz
	$(WITH_DB) scripts/backup.sh

restore: install ## Replace the database and the media with a backup: make restore FILE=backups/portal-<timestamp>.tar.gz
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/portal-<timestamp>.tar.gz" >&2; exit 2; }
	$(WITH_DB) scripts/restore.sh "$(FILE)"

.PHONY: soak
soak: install-dev ## 60 s at 64 connections (no 5xx, no worker grows >10%), then edits under load on two servers sharing Redis
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || { echo "wrk missing: apt-get install wrk"; exit 1; }
	@command -v redis-server >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; } || { echo "redis-server missing: apt-get install redis-server"; exit 1; }
	$(BIN)/python scripts/soak.py

.PHONY: screenshots
screenshots: install-dev system-deps ## Pictures of every public page type, phone and desktop, both text sizes, into screenshots/
	$(BIN)/python scripts/screenshots.py

.PHONY: lighthouse
node_modules/.package-lock.json: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

lighthouse: install-dev system-deps node_modules/.package-lock.json ## Lighthouse scores (mobile) of four pages served as in production; fails under 95
	$(BIN)/python scripts/lighthouse.py

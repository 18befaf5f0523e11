# Sinergi — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test test-pg fuzz lint format bench messages screenshots clean demo

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 tidak ditemukan ($(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

# Test-only tools from the npm registry (axe-core for the accessibility browser tests), read from
# node_modules by the tests and never served to users.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm tidak ditemukan (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

run: $(STAMP)
	$(BIN)/sinergi up --demo --host $(HOST) --port $(PORT)

# The suite runs in parallel over the machine's cores (TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest -n $(TEST_WORKERS)

# The same suite on a real PostgreSQL (used by .ci/run); DATABASE_URL may be overridden.
test-pg: $(STAMP) $(NODE_STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sinergi} $(BIN)/pytest -n $(TEST_WORKERS)

# Schemathesis over the whole API against a served demo (also run by .ci/run); see docs/akses.md.
fuzz: $(STAMP)
	.ci/fuzz

# The user guide's screenshots (docs/img/panduan/) from a throwaway demo; a few names redo only those.
screenshots: $(STAMP)
	$(BIN)/python docs/tangkapan_layar.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Extract translatable strings into each app's own locale/ and compile them (needs GNU gettext).
messages: $(STAMP)
	for app in sinergi/*/; do \
	  if [ -d "$$app/locale" ]; then \
	    (cd "$$app" && ../../$(BIN)/sinergi makemessages -l id --no-obsolete && \
	     ../../$(BIN)/sinergi compilemessages -l id) || exit 1; \
	  fi; \
	done

clean:
	rm -rf $(VENV) var/*.sqlite3* staticfiles

# Two commands on a fresh clone: `make demo` and `make test`. Both make their own .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# exact versions with their hashes, of everything installed (tests and build backend included):
# a fresh clone installs what was tested. `make lock` refreshes it from pyproject.toml's ranges.
LOCK := requirements.lock

.PHONY: install demo serve test bench mutate lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

# the July 2022 monthly report (a draft), then the three seed reports rebuilt from their issued-document files
demo: $(STAMP)
	$(BIN)/bcngv build --period 2022-07 --out build
	$(BIN)/bcngv build van-ban/2024/thang-2024-05.yaml --out build
	$(BIN)/bcngv build van-ban/2022/752-ktxh.yaml --out build
	$(BIN)/bcngv build van-ban/2022/kiem-diem-2022.yaml --out build

# the browser's forms and report previews on the bundled records, at http://127.0.0.1:8765/ (Ctrl-C stops it);
# each save is a file under records/ and a git commit of that file alone
serve: $(STAMP)
	$(BIN)/bcngv serve

# pytest exits 5 when it collects no test: not a failure of the code
test: $(STAMP)
	$(BIN)/python -m pytest || [ $$? -eq 5 ]

# generates 2,000, 20,000 and 100,000 records once under .bench/ (git-ignored), then prints medians
# and ratios of paired runs; takes about ten minutes
bench: $(STAMP)
	$(BIN)/python -m bench run --folder .bench

# mutation testing of the modules that compute figures, periods, Vietnamese wording and record checks,
# each against its own tests, one run at a time (mutate/__main__.py); prints the score per module and
# the surviving mutants not listed in mutate/equivalent.txt. Not part of CI: about half an hour
mutate: $(STAMP)
	nice -n 10 $(BIN)/python -m mutate

# pip-tools runs from a throwaway environment: it is a tool of the refresh, not of bcngv
lock:
	tmp=$$(mktemp -d) && $(PYTHON) -m venv $$tmp && $$tmp/bin/pip install --quiet pip-tools && \
	$$tmp/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test \
	    --build-deps-for editable --no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml; \
	status=$$?; rm -rf $$tmp; exit $$status

clean:
	rm -rf build .bcngv-cache .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Two commands do all the set-up on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_TOOLS := espeak-ng ffmpeg ffprobe mp3val
APT_PACKAGES := espeak-ng ffmpeg mp3val
# Only the tests need a browser (the episode page is played in headless Chromium).
TEST_TOOLS := chromium chromedriver sshd
TEST_APT_PACKAGES := chromium chromium-driver openssh-server

.PHONY: fuzz demo test system venv js browser lint bench clean realworld

demo: venv
	$(BIN)/audiopost narrate examples/sample-post.md --force --page
	@ls -l output/

# The property tests run a fixed seed here, so a red run can be replayed; `make fuzz` explores new inputs.
test: venv js browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q --hypothesis-seed=20261125

fuzz: venv
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_normalize_props.py tests/test_fuzz.py \
	  --hypothesis-seed=$$(date +%s)

browser:
	@missing=""; for t in $(TEST_TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing test packages (missing:$$missing)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(TEST_APT_PACKAGES) >/dev/null) \
	    || echo "could not install $(TEST_APT_PACKAGES): the browser and SFTP tests will be skipped"; \
	fi

# podcast-partytime (Podcast Index's feed parser) for the feed round-trip test; skipped without npm.
js:
	@if command -v npm >/dev/null 2>&1 && [ ! -d tests/js/node_modules/podcast-partytime ]; then \
	  npm install --silent --no-audit --no-fund --prefix tests/js >/dev/null 2>&1 || echo "npm install failed: the partytime test will be skipped"; \
	fi

# Real posts and feeds by real publishers (tests/data/real): prints N/M read right and each miss with its reason.
realworld: venv
	$(BIN)/python tests/realworld.py

lint: venv
	$(BIN)/ruff check src tests benchmarks

bench: venv
	$(BIN)/python benchmarks/compare.py

# System packages: installed only when a tool is missing (needs root or sudo).
system:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages (missing:$$missing)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

venv: system $(VENV)/.installed
	@# Bytecode for our own modules (an editable install has none; PYTHONDONTWRITEBYTECODE=1 would
	@# otherwise make every run and every synthesis worker compile them again, ~0.15 s each).
	@$(BIN)/python -m compileall -q src

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv >/dev/null; \
	  rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

clean:
	rm -rf $(VENV) output/*.mp3 output/*.vtt output/*.srt output/*.json

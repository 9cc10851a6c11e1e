# Two entry points on a fresh machine: `make run` and `make test`.
# Both create .venv and install the project into it; re-running is cheap (stamp files).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test bench lint clean check-system screenshots

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(PY) -m app run

check-system:
	@$(PYTHON) packaging/check_system.py

test: $(VENV)/.installed-test check-system
	$(VENV)/bin/ruff check app tests bench
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check app tests bench
	$(VENV)/bin/ruff format --check app tests bench

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

# Under a real X server (Xvfb) so that what is captured is what a window shows.
screenshots: $(VENV)/.installed-test
	xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) -m app.gui.shots screenshots

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

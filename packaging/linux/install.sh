#!/usr/bin/env bash
# Install the Parallax bundle for the current user (no root needed), or remove it.
#   ./install.sh              copies this folder to ~/.local/lib/parallax, links
#                             ~/.local/bin/parallax-app, adds the menu entry, AppStream metainfo
#                             and icons under ~/.local/share
#   ./install.sh --uninstall  removes exactly those; your articles and notes stay in
#                             ~/.local/share/parallax (delete that folder to remove them too)
# PREFIX=/usr/local ./install.sh (as root) installs for every user.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
APP_ID=org.parallax.Parallax
SIZES="16 24 32 48 64 128 256 512"

refresh() {  # menus and icon caches pick the change up at once where the tools exist
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$PREFIX/lib/parallax"
  rm -f "$PREFIX/bin/parallax-app" "$PREFIX/share/applications/$APP_ID.desktop" \
    "$PREFIX/share/metainfo/$APP_ID.metainfo.xml" \
    "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in $SIZES; do rm -f "$PREFIX/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
  refresh
  echo "Parallax removed from $PREFIX (your data in ${XDG_DATA_HOME:-$HOME/.local/share}/parallax is kept)"
  exit 0
fi

[ -x "$HERE/parallax-app" ] || { echo "install.sh: run it from the built bundle (dist/parallax)" >&2; exit 1; }
ICONS="$HERE/_internal/resources/icons/hicolor"
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
rm -rf "$PREFIX/lib/parallax"
cp -a "$HERE" "$PREFIX/lib/parallax"
ln -sf "$PREFIX/lib/parallax/parallax-app" "$PREFIX/bin/parallax-app"
# Exec names the installed executable, so the menu entry works without ~/.local/bin on PATH.
sed "s|^Exec=parallax-app|Exec=$PREFIX/bin/parallax-app|; s|^TryExec=parallax-app|TryExec=$PREFIX/bin/parallax-app|" \
  "$HERE/$APP_ID.desktop" > "$PREFIX/share/applications/$APP_ID.desktop"
cp "$HERE/$APP_ID.metainfo.xml" "$PREFIX/share/metainfo/"
for dir in scalable $(for size in $SIZES; do echo "${size}x${size}"; done); do
  mkdir -p "$PREFIX/share/icons/hicolor/$dir/apps"
  cp "$ICONS/$dir/apps/$APP_ID".* "$PREFIX/share/icons/hicolor/$dir/apps/"
done
refresh
echo "Parallax installed in $PREFIX: start it from the applications menu or with $PREFIX/bin/parallax-app"

#!/bin/sh
# Installs from Debian what the tests need and a clean machine (CI) lacks; does nothing for what is
# already there, so the test setup can run it every time:
#   chromium + fonts-noto-cjk   browser tests, and printing the generated PDF corpus (Chinese, not boxes)
#   poppler-utils               pdftotext (PDF bench baseline) and pdftoppm (image-only PDF pages)
#   qpdf                        decompressing, editing and encrypting the generated PDFs
#   python3-reportlab           the corpus's second PDF producer (non-embedded Adobe-GB1 CID fonts)
#   python3-pypdf               editing PDF objects (removing a font's ToUnicode map)
#   sqlite3                     the import bench's baseline (`.import` of the same rows)
#   python3-openpyxl            workbooks written by another library than the one that reads them
#   libreoffice-calc-nogui      workbooks saved by LibreOffice (.xlsx and the old .xls) from the test ones
# The Python modules are Debian's, so they are checked and used with /usr/bin/python3 (a `python3` on
# PATH may be a pyenv shim that does not see them).
# Needs root (as in CI) or sudo. Usage: sh scripts/install-test-deps.sh [--check]
#   --check  only prints what is missing (exit 1 when anything is)
set -eu

have_chromium() { [ -x /usr/bin/chromium ]; }
have_fonts() { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; }
have_poppler() { command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; }
have_qpdf() { command -v qpdf >/dev/null 2>&1; }
have_sqlite3() { command -v sqlite3 >/dev/null 2>&1; }
have_soffice() { command -v soffice >/dev/null 2>&1; }
have_py() { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $1" >/dev/null 2>&1; }

# the Debian packages that provide what is missing, space-separated with a leading space
missing_packages() {
  m=""
  have_chromium || m="$m chromium"
  have_fonts || m="$m fonts-noto-cjk"
  have_poppler || m="$m poppler-utils"
  have_qpdf || m="$m qpdf"
  have_py reportlab || m="$m python3-reportlab"
  have_py pypdf || m="$m python3-pypdf"
  have_sqlite3 || m="$m sqlite3"
  have_py openpyxl || m="$m python3-openpyxl"
  have_soffice || m="$m libreoffice-calc-nogui"
  echo "$m"
}

missing=$(missing_packages)
if [ -z "$missing" ]; then
  echo "install-test-deps: chromium, fonts-noto-cjk, poppler-utils, qpdf, python3-reportlab, python3-pypdf, sqlite3, python3-openpyxl, libreoffice are installed; nothing to do"
  exit 0
fi
echo "install-test-deps: missing:$missing"
[ "${1:-}" = "--check" ] && exit 1

if [ "$(id -u)" -eq 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1; then
  run="sudo"
else
  echo "install-test-deps: need root to run apt-get; run as root: apt-get update && apt-get install -y$missing" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: apt-get not found (not Debian/Ubuntu); install by hand:$missing" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-test-deps: apt-get update"
$run apt-get update
echo "install-test-deps: apt-get install -y$missing"
# shellcheck disable=SC2086
$run apt-get install -y $missing

still=$(missing_packages)
if [ -n "$still" ]; then
  echo "install-test-deps: apt-get finished but still missing:$still" >&2
  exit 1
fi
echo "install-test-deps: done"

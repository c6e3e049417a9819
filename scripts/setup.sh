#!/usr/bin/env bash
# Installs everything kit needs on a fresh machine: npm packages, and (on
# Debian/Ubuntu) a Chromium for PDF/PPTX plus poppler-utils, LibreOffice
# Impress and ShellCheck used by the tests.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

have_browser() {
  [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ] && return 0
  for b in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable \
           /opt/google/chrome/chrome /usr/bin/microsoft-edge "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"; do
    [ -x "$b" ] && return 0
  done
  return 1
}

missing=()
have_browser || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
# Tests only: LibreOffice renders slides.pptx back to compare it with slides.pdf (kit build never needs it).
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress)
# kit check lints shell code on slides with ShellCheck when it is there; the tests need it.
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)

if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "setup: installing ${missing[*]} with apt-get"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: please install: ${missing[*]} (a Chrome/Chromium/Edge browser, poppler's pdftotext, DejaVu fonts, LibreOffice Impress and ShellCheck for the tests)" >&2
    echo "setup: or set CHROME_PATH to a Chromium-family browser; 'kit build --formats html' works without one" >&2
  fi
fi

npm ci --no-audit --no-fund
echo "setup: done"

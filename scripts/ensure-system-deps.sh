#!/usr/bin/env bash
# System packages the tests need (code-server's native modules, Chromium as the workbench
# client and PDF printer, ripgrep in place of @vscode/ripgrep's download, pandoc for Word and
# OpenDocument fixtures, qpdf for an encrypted PDF, pdftotext as the PDF benchmark's peer,
# Neovim as an LSP client of the language server). Installs the missing ones with apt when run
# as root on Debian; otherwise says what to install.
set -euo pipefail

packages=(chromium ripgrep libkrb5-dev build-essential python3 poppler-utils pandoc qpdf neovim)
command -v dpkg-query >/dev/null || { echo "ensure-system-deps: not a Debian system; install: ${packages[*]}"; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]})) || exit 0
if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "== apt-get install ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "ensure-system-deps: missing system packages: ${missing[*]}"
  echo "  install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}"
  exit 1
fi

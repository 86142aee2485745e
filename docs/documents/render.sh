#!/usr/bin/env bash
# Regenerates docs/documents/<kind>.png: page 1 of each kind of document as LibreOffice prints it.
# DocumentsTest downloads every document of the sample round and prints it to target/documents/;
# this script runs that test and takes the pictures. Needs LibreOffice and poppler-utils
# (Debian: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in soffice pdftoppm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "错误：找不到 $tool，请安装 libreoffice-writer-nogui、libreoffice-calc-nogui 和 poppler-utils。" >&2
    exit 1
  fi
done
./mvnw -q test -Dtest=DocumentsTest#everyDocumentPrintsOnItsPagesWithItsIssuersLetterhead
for printed in notice-docx announcement-docx arrangement-docx report-docx feedback-docx publication-docx \
    rectification-xlsx clues-xlsx ledger-xlsx; do
  pdftoppm -r 60 -f 1 -l 1 -singlefile -png "target/documents/$printed.pdf" "docs/documents/${printed%-*}"
done

#!/usr/bin/env bash
# Regenerates docs/diagrams/<name>.svg and .png from every processes/**/*.bpmn.
# Needs Node.js 18+, Chromium and a CJK font (Debian: apt-get install nodejs npm chromium fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")"

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "错误：找不到 node 或 npm，请先安装 Node.js 18 以上版本（Debian：apt-get install nodejs npm）。" >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "错误：找不到 Chromium（$CHROMIUM），请安装（Debian：apt-get install chromium）或用环境变量 CHROMIUM 指定路径。" >&2
  exit 1
fi
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list ':lang=zh' family)" ]; then
  echo "错误：没有中文字体，图中的中文无法显示，请安装（Debian：apt-get install fonts-noto-cjk）。" >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json on install; reinstall only when the lock file is newer.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

node render.mjs

#!/usr/bin/env bash
# Runs every notebook in the Jupyter Notebook web UI as a new user would (README, "Open them"): a Jupyter Notebook
# server with the .NET (C#) kernel the user installed, each notebook opened in headless Chromium, "Run All", cell
# errors counted. Needs: jupyter-notebook, chromium, node/npm, the global tool Microsoft.dotnet-interactive
# 1.0.712001 with `dotnet interactive jupyter install` done, and `dotnet build lib -c Release`.
# SCREENSHOTS=folder also saves a screenshot of each notebook after its run.
# The server serves a temporary copy of notebooks/ (lib/ linked beside it), so nothing in the repository changes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
for program in jupyter-notebook chromium node npm dotnet-interactive; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "error: $program not found: install it as the comment at the top of $0 says (dotnet-interactive: add ~/.dotnet/tools to PATH)" >&2
    exit 2
  fi
done
if [[ ! -f "$root/lib/bin/Release/net10.0/Autoencoders.dll" ]]; then
  echo "error: $root/lib/bin/Release/net10.0/Autoencoders.dll is missing: run 'dotnet build lib -c Release' first" >&2
  exit 2
fi
port="${PORT:-8899}"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$here" && npm ci --no-audit --no-fund --silent)
mkdir "$work/notebooks"
cp "$root"/notebooks/*.ipynb "$work/notebooks/"
ln -s "$root/lib" "$work/lib"
(cd "$work/notebooks" && exec jupyter notebook --no-browser --allow-root --port "$port" \
  --NotebookApp.token='' --NotebookApp.password='' --NotebookApp.open_browser=False >"$work/server.log" 2>&1) &
server=$!
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/api/kernelspecs" >/dev/null && break; sleep 1; done

names=()
for notebook in "$root"/notebooks/*.ipynb; do names+=("$(basename "$notebook" .ipynb)"); done
JUPYTER_URL="http://127.0.0.1:$port" node "$here/run-all-cells.mjs" "${names[@]}"

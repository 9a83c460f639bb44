#!/usr/bin/env bash
# Rebuilds the kernels into a temporary directory and fails if the committed .wasm files differ
# from what the sources produce. CI: `bash engine/kernels/check-build.sh`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

bash "$here/build.sh" "$tmp" >/dev/null
status=0
for wasm in netwright-kernels.wasm netwright-kernels-threads.wasm; do
  if [[ ! -f "$here/$wasm" ]]; then
    echo "check-build: engine/kernels/$wasm is missing; run 'npm run build:kernels' and commit it." >&2
    status=1
  elif ! cmp -s "$tmp/$wasm" "$here/$wasm"; then
    echo "check-build: engine/kernels/$wasm is out of date with engine/kernels/src;" \
      "run 'npm run build:kernels' and commit the result." >&2
    status=1
  fi
done
[[ $status -eq 0 ]] && echo "check-build: committed kernels match their sources."
exit $status

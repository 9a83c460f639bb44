#!/usr/bin/env bash
# Builds the WebAssembly kernels: netwright-kernels.wasm (single-threaded) and
# netwright-kernels-threads.wasm (shared memory). Usage: build.sh [output-dir] (default: next to this script).
# Deterministic: same sources and toolchain give the same bytes (CI compares with check-build.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here}"
clang_bin="${CLANG:-clang}"
ld_bin="${WASM_LD:-wasm-ld}"
for tool in "$clang_bin" "$ld_bin"; do
  command -v "$tool" >/dev/null || { echo "build.sh: '$tool' not found (apt-get install -y clang lld)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

common_flags=(--target=wasm32 -O3 -ffreestanding -nostdlib -fno-builtin -fno-ident
  -msimd128 -mbulk-memory -mnontrapping-fptoint -msign-ext
  -mllvm -disable-lsr -Wall -Wextra -Werror
  "-ffile-prefix-map=$here=.")
thread_flags=(-matomics -mmutable-globals)
stack_bytes=1048576
max_memory=2147483648 # KERNEL_MEMORY_BYTES in memoryLimit.ts (a test keeps them equal): 2 GiB keeps every Ptr below 2^31

sources=()
while IFS= read -r f; do sources+=("$f"); done < <(cd "$here/src" && ls -1 *.c | LC_ALL=C sort)

build() { # build <name> <extra-compile-flags...> -- <extra-link-flags...>
  local name="$1"; shift
  local cflags=() lflags=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do cflags+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  lflags=("$@")
  mkdir -p "$work/$name"
  local objects=()
  for src in "${sources[@]}"; do
    local obj="$work/$name/${src%.c}.o"
    (cd "$here/src" && "$clang_bin" "${common_flags[@]}" ${cflags[@]+"${cflags[@]}"} -c "$src" -o "$obj")
    objects+=("$obj")
  done
  "$ld_bin" --no-entry --strip-all --stack-first -z "stack-size=$stack_bytes" \
    --export=__heap_base --max-memory=$max_memory ${lflags[@]+"${lflags[@]}"} \
    "${objects[@]}" -o "$work/$name.wasm"
  cp "$work/$name.wasm" "$out/$name.wasm"
  chmod 644 "$out/$name.wasm"
}

build netwright-kernels --
build netwright-kernels-threads "${thread_flags[@]}" -- --import-memory --shared-memory --export=__stack_pointer
echo "built $out/netwright-kernels.wasm and $out/netwright-kernels-threads.wasm"

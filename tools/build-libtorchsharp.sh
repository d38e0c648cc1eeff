#!/usr/bin/env bash
# Builds runner against a libtorch already on this machine (a PyTorch install's), for GPU machines
# where no CUDA libtorch NuGet package can be restored (air-gapped clusters). TorchSharp's managed
# code talks to libtorch through its native glue, libLibTorchSharp.so; TorchSharp's README describes
# building that glue against another libtorch. This script does it and puts runner beside it:
#
#   tools/build-libtorchsharp.sh --torchsharp-src DIR [--libtorch DIR] [--out DIR]
#
#   --torchsharp-src  a checkout of https://github.com/dotnet/TorchSharp at the version this project
#                     uses (v0.107.0); only its src/Native is read. Copy it over on air-gapped machines.
#   --libtorch        libtorch's CMake prefix (the folder holding share/cmake/Torch); by default the
#                     local PyTorch's: python3 -c 'import torch; print(torch.utils.cmake_prefix_path)'
#   --out             where runner goes (default: artifacts/runner-external, git-ignored)
#
# Needs CMake, a C++17 compiler, the .NET SDK of global.json and NuGet access for the managed
# packages only (TorchSharp, no libtorch: restore them once elsewhere into a local feed if need be).
# Prints the command to run runner with; `runner bench` then says which device libtorch uses.
set -euo pipefail

torchsharp_src="" libtorch="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --torchsharp-src) torchsharp_src="$2"; shift 2 ;;
    --libtorch) libtorch="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-libtorchsharp: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
fail() { echo "build-libtorchsharp: $*" >&2; exit 1; }

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${out:-$repo/artifacts/runner-external}"
[ -n "$torchsharp_src" ] || fail "--torchsharp-src DIR is required (a TorchSharp v0.107.0 checkout)"
[ -f "$torchsharp_src/src/Native/LibTorchSharp/CMakeLists.txt" ] || fail "$torchsharp_src has no src/Native/LibTorchSharp/CMakeLists.txt"
command -v cmake >/dev/null || fail "cmake not found"
if [ -z "$libtorch" ]; then
  libtorch="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>/dev/null)" ||
    fail "no --libtorch given and python3 cannot import torch"
fi
[ -d "$libtorch/Torch" ] || [ -d "$libtorch/share/cmake/Torch" ] || fail "$libtorch holds no Torch CMake package (expected Torch/ or share/cmake/Torch/)"
# libtorch's lib folder: site-packages/torch/lib beside share/cmake, or <prefix>/lib.
torch_lib="$(cd "$libtorch/.." && pwd)/lib"
[ -d "$torch_lib" ] || torch_lib="$(cd "$libtorch/../.." && pwd)/lib"
[ -f "$torch_lib/libtorch_cpu.so" ] || fail "no libtorch_cpu.so in $torch_lib"

build="$out/native-build"
mkdir -p "$build"
echo "build-libtorchsharp: configuring LibTorchSharp against $libtorch"
# The top-level src/Native project defines the helpers LibTorchSharp's CMakeLists calls.
cmake -S "$torchsharp_src/src/Native" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  "-DCMAKE_PREFIX_PATH=$libtorch" "-DLIBTORCH_PATH=$libtorch" \
  "-DCMAKE_INSTALL_RPATH=$torch_lib" -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON > "$out/cmake-configure.log" 2>&1 ||
  { tail -30 "$out/cmake-configure.log" >&2; fail "cmake configure (log: $out/cmake-configure.log)"; }
echo "build-libtorchsharp: compiling (a few minutes)"
cmake --build "$build" --target LibTorchSharp -j "$(nproc)" > "$out/cmake-build.log" 2>&1 ||
  { grep -m 5 -B 2 -A 6 "error" "$out/cmake-build.log" >&2 || tail -30 "$out/cmake-build.log" >&2; fail "compile (log: $out/cmake-build.log)"; }
glue="$(find "$build" -name libLibTorchSharp.so | head -1)"
[ -n "$glue" ] || fail "the build made no libLibTorchSharp.so"

echo "build-libtorchsharp: building runner with -p:TorchBackend=external into $out"
dotnet publish "$repo/src/Runner" -c Release -p:TorchBackend=external -o "$out" > "$out/dotnet-publish.log" 2>&1 ||
  { tail -20 "$out/dotnet-publish.log" >&2; fail "dotnet publish (log: $out/dotnet-publish.log)"; }
cp "$glue" "$out/libLibTorchSharp.so"
# CUDA's own libraries (a pip PyTorch keeps them in nvidia/*/lib beside torch): on the path too.
cuda_libs="$(find "$(cd "$torch_lib/../.." && pwd)/nvidia" -maxdepth 2 -name lib -type d 2>/dev/null | paste -sd: || true)"
path="$torch_lib${cuda_libs:+:$cuda_libs}"
echo "build-libtorchsharp: done. Run runner as:"
echo "  LD_LIBRARY_PATH=$path:\$LD_LIBRARY_PATH $out/runner bench"

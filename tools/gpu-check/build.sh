#!/usr/bin/env bash
# Builds, on a machine with the .NET SDK, everything the GPU check needs on a GPU machine without .NET and
# without internet, into .gpu/ at the repository root (git-ignored; carry it there, under 60 MiB):
#   .gpu/mrh/        a framework-dependent `dotnet publish` of mrh for linux-x64 WITHOUT libtorch's native
#                    libraries (the GPU machine's PyTorch provides a CUDA libtorch); TorchSharp's own
#                    libLibTorchSharp.so stays (relaxed for older libstdc++ by Directory.Build.targets)
#   .gpu/rt.tar.xz   the .NET runtime (dotnet host + Microsoft.NETCore.App), unpacked by run.sh to /tmp
# The PyTorch side of the benchmark is benchmarks/pytorch_mrh_bench.py, which is in the repository.
# usage: bash tools/gpu-check/build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=.gpu
DOTNET_ROOT_DIR=${DOTNET_ROOT:-/usr/share/dotnet}
rm -rf "$OUT/mrh" "$OUT/rt.tar.xz"
mkdir -p "$OUT"
dotnet publish src/Mrh.Cli -c Release -r linux-x64 --self-contained false -o "$OUT/mrh" -v quiet -nologo
# drop libtorch (CPU) and everything that comes with it; keep TorchSharp's binding (libLibTorchSharp.so)
find "$OUT/mrh" -type f \( -name 'libtorch*' -o -name 'libc10*' -o -name 'libgomp*' -o -name 'libshm*' \
    -o -name 'libjitbackend_test*' -o -name 'libtorchbind_test*' -o -name 'libaoti_custom_ops*' \
    -o -name 'libnnapi_backend*' -o -name 'libbackend_with_compiler*' -o -name '*.pdb' \) -delete
rm -rf "$OUT/mrh/runtimes"/{win,osx}* 2>/dev/null || true
test -f "$OUT/mrh/libLibTorchSharp.so" || { echo "build.sh: libLibTorchSharp.so missing from the publish output" >&2; exit 1; }
tar -cJf "$OUT/rt.tar.xz" -C "$DOTNET_ROOT_DIR" dotnet host shared/Microsoft.NETCore.App
du -sh "$OUT/mrh" "$OUT/rt.tar.xz"
total=$(du -sm "$OUT" | cut -f1)
echo "build.sh: .gpu/ holds ${total} MiB"
if [ "$total" -ge 60 ]; then echo "build.sh: .gpu/ is over 60 MiB" >&2; exit 1; fi

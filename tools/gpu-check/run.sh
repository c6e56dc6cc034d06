#!/usr/bin/env bash
# The GPU check: run from the repository root on the GPU machine after tools/gpu-check/build.sh has filled .gpu/:
#   bash tools/gpu-check/run.sh                 (CUDA; PyTorch's libtorch from `python3`)
#   bash tools/gpu-check/run.sh --device cpu    (a dry run of the same steps on the CPU, e.g. on a build machine)
# Steps, each with its own time limit, each run even if an earlier one failed:
#   1 doctor     `mrh doctor --device D --check`: CUDA, the GPU, and the agreement of the dense-matrix form on the
#                device with the network in float64 (fp32/tf32/bf16) and a few epochs of training against the CPU's
#   2 bench      `mrh bench --device D --dense --compare-pytorch`: patches/s of ours and PyTorch's Conv2d and dense form
#                on the same device, training at batch 128/4096/32768 and inference at 65536, fp32/tf32/bf16
#   3 train      `mrh jobs run fig1-ii --preset quick --device D`: one figure network (MRH-AF, Fig. 1 case ii) trained on the device
# Logs go to $OUT (default .gpu/out): doctor.txt, bench.txt, train.txt, summary.txt.
set -u
cd "$(dirname "$0")/../.."
DEVICE=cuda
while [ $# -gt 0 ]; do
  case "$1" in
    --device) DEVICE=$2; shift 2 ;;
    *) echo "run.sh: unknown argument $1 (usage: run.sh [--device cuda|cpu])" >&2; exit 2 ;;
  esac
done
OUT=${OUT:-$PWD/.gpu/out}
mkdir -p "$OUT"
SUMMARY=$OUT/summary.txt
: > "$SUMMARY"
note() { echo "$*" | tee -a "$SUMMARY"; }
START=$(date +%s)

# .NET: the SDK's if there is one, else the carried runtime
if command -v dotnet >/dev/null 2>&1 && dotnet --list-runtimes 2>/dev/null | grep -q 'Microsoft.NETCore.App 10\.'; then
  DOTNET=$(command -v dotnet)
else
  RT=/tmp/mrh-dotnet
  if [ ! -x "$RT/dotnet" ]; then mkdir -p "$RT" && tar -xJf .gpu/rt.tar.xz -C "$RT"; fi
  DOTNET=$RT/dotnet
  export DOTNET_ROOT=$RT
fi
MRH=(env DOTNET_CLI_TELEMETRY_OPTOUT=1 "$DOTNET" "$PWD/.gpu/mrh/mrh.dll")

# libtorch: PyTorch's own (CUDA) where python3 has torch, else (dry run) the TorchSharp-cpu package's from the NuGet cache
PY=${PYTHON:-python3}
TORCH_LIB=$("$PY" -c "import torch,os;print(os.path.join(os.path.dirname(torch.__file__),'lib'))" 2>/dev/null || true)
TORCH_VERSION=$("$PY" -c "import torch;print(torch.__version__)" 2>/dev/null || true)
TORCH_CUDA=$("$PY" -c "import torch;print(int(torch.cuda.is_available()))" 2>/dev/null || echo 0)
if [ "$DEVICE" = cuda ] && [ -n "$TORCH_LIB" ]; then
  LIBTORCH=$TORCH_LIB
else
  LIBTORCH=$(ls -d "$HOME"/.nuget/packages/libtorch-cpu-linux-x64/*/runtimes/linux-x64/native 2>/dev/null | tail -1)
fi
export LD_LIBRARY_PATH=${LIBTORCH}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
note "gpu-check: device $DEVICE; .NET $("$DOTNET" --list-runtimes 2>/dev/null | grep NETCore | tail -1 | cut -d' ' -f2); libtorch from ${LIBTORCH:-nowhere}; python3 torch ${TORCH_VERSION:-absent} (CUDA ${TORCH_CUDA})"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | sed 's/^/gpu-check: nvidia-smi: /' | tee -a "$SUMMARY"

step() { # name, seconds, log, command...
  local name=$1 limit=$2 log=$3; shift 3
  local t0=$(date +%s)
  timeout --kill-after=10 "$limit" "$@" > "$log" 2>&1
  local rc=$?
  local t1=$(date +%s)
  note "step $name: exit $rc in $((t1 - t0)) s (limit $limit s)$([ $rc = 124 ] && echo ': TIMED OUT')"
}

# 1 doctor and the agreement check (the quick network on a CPU dry run: the paper's takes long there)
AGREE=(); [ "$DEVICE" = cpu ] && AGREE=(--quick-only)
step doctor 120 "$OUT/doctor.txt" "${MRH[@]}" doctor --device "$DEVICE" --check "${AGREE[@]}"

# 2 bench, side by side with PyTorch where python3 has torch on that device
PYARGS=()
if [ -n "$TORCH_VERSION" ] && { [ "$DEVICE" = cpu ] || [ "$TORCH_CUDA" = 1 ]; }; then
  PYARGS=(--compare-pytorch --python "$PY" --pytorch-script benchmarks/pytorch_mrh_bench.py)
else
  note "bench: no PyTorch for device $DEVICE in $PY: ours only"
fi
if [ "$DEVICE" = cpu ]; then BENCH=(--quick-only --batches 128,1024 --infer-batch 4096 --runs 1 --seconds 0.2); else BENCH=(--runs 3 --seconds 0.4); fi
step bench 200 "$OUT/bench.txt" "${MRH[@]}" bench --device "$DEVICE" --dense "${BENCH[@]}" "${PYARGS[@]}"

# 3 one network of the figure notebooks trained on the device: Fig. 1's standard MRH-AF (case ii) at the quick preset,
#   phantom generation included (the notebooks themselves need the .NET SDK and the kernel, which a GPU machine without
#   the SDK or NuGet lacks: `mrh reproduce --device cuda` runs them where the SDK is)
export MRH_CACHE=/tmp/mrh-gpu-check-cache MRH_PHANTOM_CACHE=/tmp/mrh-gpu-check-phantom
rm -rf "$MRH_CACHE"
step train-quick 200 "$OUT/train.txt" "${MRH[@]}" jobs run fig1-ii --preset quick --device "$DEVICE"
END=$(date +%s)
note "gpu-check: $((END - START)) s in all"
echo
echo "===== summary ====="
cat "$SUMMARY"
echo "--- doctor (cuda, gpu, agreement)"
grep -E '^(cuda|gpu|agreement|  predict|  train)' "$OUT/doctor.txt" || tail -3 "$OUT/doctor.txt"
echo "--- bench"
grep -vE '^mrh: ' "$OUT/bench.txt" | head -60
echo "--- train (jobs run fig1-ii --preset quick)"
tail -6 "$OUT/train.txt"

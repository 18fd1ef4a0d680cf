#!/usr/bin/env bash
# Builds the driver with the working tree's conversions.cu and, for comparison, an earlier one
# ($1 = a commit; default 42b8ec9, the third round's final code, whose smemLoad/smemCompute the o_
# kernels of variants.cuh call) as namespace r2. Needs nvcc (CUDA 13.0); no GPU.
set -euo pipefail
cd "$(dirname "$0")"
[ -f conversions_r2.cu ] || git show "${1:-42b8ec9}":publisher-bridge/src/main/resources/io/gevgate/bridge/gpu/conversions.cu > conversions_r2.cu
[ -z "${X:-}" ] || cp "$X" conversions_x.cu
nvcc=${NVCC:-/usr/local/cuda-13.0/bin/nvcc}
$nvcc -O3 -std=c++17 -arch=sm_90 -lineinfo -DGEVGATE_NO_ENTRY_POINTS -DWITH_R2 ${X:+-DWITH_X} -Xptxas -v -o driver driver.cu 2>&1 \
  | grep -E "error|warning|Compiling entry|registers|spill" | paste - - - | sed -E 's/ptxas info *://g; s/Compiling entry function//' | cut -c1-200

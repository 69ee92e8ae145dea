#ifndef DISPUTETRIAGE_VECTOR_CLONES_H
#define DISPUTETRIAGE_VECTOR_CLONES_H

// What VectorKernels.c and RowVectorKernels.c share (private to this target: not under include/).

// Multiplies and adds round separately unless written as FMA.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

// An AVX2 + FMA clone chosen at load time where the platform has ifuncs (x86-64 ELF); elsewhere
// the portable version, whose fused multiply-adds are `fmaf` (exact, as the hardware's).
#if defined(__x86_64__) && defined(__ELF__)
#define DT_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define DT_VECTOR_CLONES
#endif

#include "VectorTypes.h"
#define FMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))

/// A dot product's four 8-lane accumulators reduced as OpenBLAS reduces them: halves, then pairs
/// of accumulators, then two horizontal adds.
static inline __attribute__((always_inline)) float reduce_accumulators(const f8 lane[4]) {
    f4 half[4];
    for (int k = 0; k < 4; k++) {
        f4 low, high;
        __builtin_memcpy(&low, &lane[k], sizeof(low));
        __builtin_memcpy(&high, (const char *)&lane[k] + 16, sizeof(high));
        half[k] = high + low;
    }
    const f4 r = (half[0] + half[1]) + (half[2] + half[3]);
    return (r[0] + r[1]) + (r[2] + r[3]);
}

#endif

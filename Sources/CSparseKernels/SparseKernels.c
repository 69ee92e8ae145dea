#include "SparseKernels.h"

// Every lane is `a + v * x` rounded twice, as the portable Swift code computes it: a fused
// multiply-add would round once and change the learned bytes between machines.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

// An AVX2 clone chosen at load time where the platform has ifuncs (x86-64 ELF); elsewhere (Apple
// silicon, aarch64 Linux, x86-64 Mach-O) the one portable version, which rounds the same.
#if defined(__x86_64__) && defined(__ELF__)
#define DT_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define DT_CLONES
#endif

#include "VectorTypes.h"

/// One block of `eights` · 8 (+ 4 when `four`) lanes, its sums in registers over all entries.
/// Called with constant `eights` and `four`, so every branch on them folds away.
static inline __attribute__((always_inline)) void accumulate_block(
    float *out, const float *table, ptrdiff_t stride, const int32_t *indices, const float *values,
    ptrdiff_t count, int eights, int four) {
    f8 a[8];
    f4 t = {0, 0, 0, 0};
    for (int i = 0; i < eights; i++) LOAD(a[i], out + 8 * i);
    if (four) LOAD(t, out + 8 * eights);
    for (ptrdiff_t p = 0; p < count; p++) {
        const float *row = table + (ptrdiff_t)indices[p] * stride;
        const float v = values[p];
        const f8 v8 = {v, v, v, v, v, v, v, v};
        for (int i = 0; i < eights; i++) {
            f8 x;
            LOAD(x, row + 8 * i);
            a[i] = a[i] + v8 * x;
        }
        if (four) {
            const f4 v4 = {v, v, v, v};
            f4 x;
            LOAD(x, row + 8 * eights);
            t = t + v4 * x;
        }
    }
    for (int i = 0; i < eights; i++) STORE(out + 8 * i, a[i]);
    if (four) STORE(out + 8 * eights, t);
}

// One case per block shape, so that each call has constant arguments.
#define BLOCKS_OF(E)                                                                                \
    case E:                                                                                         \
        if (four) accumulate_block(o, tb, stride, indices, values, count, E, 1);                    \
        else accumulate_block(o, tb, stride, indices, values, count, E, 0);                         \
        break;

static inline __attribute__((always_inline)) void accumulate(
    float *out, ptrdiff_t width, const float *table, ptrdiff_t stride, const int32_t *indices, const float *values,
    ptrdiff_t count) {
    // Blocks of up to 64 lanes: 8 vector registers of sums plus the loads fit the 16 registers.
    for (ptrdiff_t base = 0; base < width; base += 64) {
        const ptrdiff_t lanes = width - base < 64 ? width - base : 64;
        float *o = out + base;
        const float *tb = table + base;
        const int four = (lanes & 7) != 0;
        switch (lanes >> 3) {
        case 0: accumulate_block(o, tb, stride, indices, values, count, 0, 1); break;
        BLOCKS_OF(1) BLOCKS_OF(2) BLOCKS_OF(3) BLOCKS_OF(4) BLOCKS_OF(5) BLOCKS_OF(6) BLOCKS_OF(7)
        default: accumulate_block(o, tb, stride, indices, values, count, 8, 0); break;
        }
    }
}

DT_CLONES void dt_sparse_accumulate(
    float *out, const float *table, ptrdiff_t stride, const int32_t *indices, const float *values,
    ptrdiff_t count) {
    accumulate(out, stride, table, stride, indices, values, count);
}

DT_CLONES void dt_sparse_accumulate_pitched(
    float *out, ptrdiff_t width, const float *table, ptrdiff_t pitch, const int32_t *indices, const float *values,
    ptrdiff_t count) {
    accumulate(out, width, table, pitch, indices, values, count);
}

DT_CLONES float dt_max_abs(const float *v, ptrdiff_t count) {
    // Eight running maxima; maxnum keeps the number when one side is NaN, as a scalar loop would.
    f8 m = {0, 0, 0, 0, 0, 0, 0, 0};
    ptrdiff_t i = 0;
    for (; i + 8 <= count; i += 8) {
        f8 x;
        LOAD(x, v + i);
        m = __builtin_elementwise_max(m, __builtin_elementwise_abs(x));
    }
    float result = 0;
    for (int lane = 0; lane < 8; lane++) result = __builtin_fmaxf(result, m[lane]);
    for (; i < count; i++) result = __builtin_fmaxf(result, __builtin_fabsf(v[i]));
    return result;
}

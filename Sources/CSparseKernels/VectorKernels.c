#include "VectorKernels.h"

// L-BFGS's vector arithmetic, fused into single passes. The models were first trained with
// OpenBLAS 0.3 (its Haswell kernels, one thread) doing this arithmetic, so every element and every
// sum is rounded as those kernels round it: the first `n & -32` elements of an axpy as one fused
// multiply-add, the rest as a multiply then an add; a dot product over the first `n & -32`
// elements in four 8-lane fused accumulators reduced in a fixed order, the rest summed in double.
// Fusing passes changes no operation, only how often the vectors are read, so the learned bytes
// stay the same while the solver no longer depends on which BLAS (or how many BLAS threads) runs.
#include "VectorClones.h"

/// Length of the part done in blocks of 32 (the rest is the scalar tail).
#define BLOCKED(n) ((n) & ~(ptrdiff_t)31)

/// Four 8-lane sums of products, as the blocked part of the dot product keeps them.
typedef struct {
    f8 lane[4];
} dot_sums;

static inline __attribute__((always_inline)) void dot_add_block(dot_sums *sums, const float *x, const float *y) {
    for (int k = 0; k < 4; k++) {
        f8 a, b;
        LOAD(a, x + 8 * k);
        LOAD(b, y + 8 * k);
        sums->lane[k] = FMA(a, b, sums->lane[k]);
    }
}

/// The blocked sums reduced (halves, then pairs of accumulators, then two horizontal adds), plus
/// the tail `x[i]·y[i]` for `blocked ≤ i < n`, each product rounded to float, summed in double.
static inline __attribute__((always_inline)) float dot_finish(
    const dot_sums *sums, const float *x, const float *y, ptrdiff_t blocked, ptrdiff_t n) {
    float head = 0;
    if (blocked > 0) {
        head = reduce_accumulators(sums->lane);
    }
    double tail = 0;
    for (ptrdiff_t i = blocked; i < n; i++) {
        const float product = y[i] * x[i];
        tail += product;
    }
    return (float)(tail + head);
}

static inline __attribute__((always_inline)) dot_sums dot_zero(void) {
    dot_sums sums;
    for (int k = 0; k < 4; k++) sums.lane[k] = (f8){0, 0, 0, 0, 0, 0, 0, 0};
    return sums;
}

DT_VECTOR_CLONES float dt_dot(const float *x, const float *y, ptrdiff_t n) {
    if (n <= 0) return 0;
    const ptrdiff_t blocked = BLOCKED(n);
    dot_sums sums = dot_zero();
    for (ptrdiff_t i = 0; i < blocked; i += 32) dot_add_block(&sums, x + i, y + i);
    return dot_finish(&sums, x, y, blocked, n);
}

DT_VECTOR_CLONES float dt_copy_dot(float *target, const float *source, const float *other, ptrdiff_t n) {
    if (n <= 0) return 0;
    const ptrdiff_t blocked = BLOCKED(n);
    dot_sums sums = dot_zero();
    for (ptrdiff_t i = 0; i < blocked; i += 32) {
        __builtin_memcpy(target + i, source + i, 32 * sizeof(float));
        dot_add_block(&sums, other + i, target + i);
    }
    for (ptrdiff_t i = blocked; i < n; i++) target[i] = source[i];
    return dot_finish(&sums, other, target, blocked, n);
}

DT_VECTOR_CLONES float dt_axpy_scale_dot(
    float *y, float alpha, const float *x, float scale, const float *other, ptrdiff_t n) {
    if (n <= 0) return 0;
    const ptrdiff_t blocked = BLOCKED(n);
    const f8 a8 = {alpha, alpha, alpha, alpha, alpha, alpha, alpha, alpha};
    const f8 s8 = {scale, scale, scale, scale, scale, scale, scale, scale};
    // BLAS skips an axpy with alpha = 0 (a fused 0·x + y would turn −0 into +0).
    const int add = alpha != 0;
    dot_sums sums = dot_zero();
    for (ptrdiff_t i = 0; i < blocked; i += 32) {
        for (int k = 0; k < 4; k++) {
            f8 yv, xv;
            LOAD(yv, y + i + 8 * k);
            if (add) {
                LOAD(xv, x + i + 8 * k);
                yv = FMA(a8, xv, yv);
            }
            yv = yv * s8;
            STORE(y + i + 8 * k, yv);
        }
        if (other) dot_add_block(&sums, other + i, y + i);
    }
    for (ptrdiff_t i = blocked; i < n; i++) {
        float v = y[i];
        if (add) {
            const float product = alpha * x[i];
            v = v + product;
        }
        y[i] = v * scale;
    }
    return other ? dot_finish(&sums, other, y, blocked, n) : 0;
}

DT_VECTOR_CLONES void dt_step(float *target, const float *x, float step, const float *direction, ptrdiff_t n) {
    const ptrdiff_t blocked = n > 0 ? BLOCKED(n) : 0;
    const f8 s8 = {step, step, step, step, step, step, step, step};
    if (step == 0) {
        for (ptrdiff_t i = 0; i < n; i++) target[i] = x[i];
        return;
    }
    for (ptrdiff_t i = 0; i < blocked; i += 8) {
        f8 xv, dv;
        LOAD(xv, x + i);
        LOAD(dv, direction + i);
        const f8 t = FMA(s8, dv, xv);
        STORE(target + i, t);
    }
    for (ptrdiff_t i = blocked; i < n; i++) {
        const float product = step * direction[i];
        target[i] = x[i] + product;
    }
}

DT_VECTOR_CLONES void dt_correction_pair(
    float *s, float *y, const float *x1, const float *x0, const float *g1, const float *g0, ptrdiff_t n,
    float *sy, float *yy) {
    if (n <= 0) {
        *sy = 0;
        *yy = 0;
        return;
    }
    const ptrdiff_t blocked = BLOCKED(n);
    dot_sums sumsSY = dot_zero(), sumsYY = dot_zero();
    for (ptrdiff_t i = 0; i < blocked; i += 32) {
        for (int k = 0; k < 4; k++) {
            f8 a, b, c, d;
            LOAD(a, x1 + i + 8 * k);
            LOAD(b, x0 + i + 8 * k);
            LOAD(c, g1 + i + 8 * k);
            LOAD(d, g0 + i + 8 * k);
            const f8 sv = a - b, yv = c - d;
            STORE(s + i + 8 * k, sv);
            STORE(y + i + 8 * k, yv);
        }
        dot_add_block(&sumsSY, s + i, y + i);
        dot_add_block(&sumsYY, y + i, y + i);
    }
    for (ptrdiff_t i = blocked; i < n; i++) {
        s[i] = x1[i] - x0[i];
        y[i] = g1[i] - g0[i];
    }
    *sy = dot_finish(&sumsSY, s, y, blocked, n);
    *yy = dot_finish(&sumsYY, y, y, blocked, n);
}

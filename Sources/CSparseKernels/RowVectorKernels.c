#include "RowVectorKernels.h"

// VectorKernels.c's L-BFGS arithmetic on vectors stored without their padding lanes, rounded as
// if the padding were there. A parameter vector is `rows` rows of `stride` floats whose last
// `stride − width` lanes are always zero; stored as `rows · width` floats it is 5/8 of the size
// for 5 classes, and L-BFGS reads about twenty such vectors per iteration. Each padded element
// keeps its place in the arithmetic: an element is fused into its dot-product accumulator, or
// summed in the double tail, or multiply-added fused or not, exactly as at its padded position;
// the padding lanes only ever add +0 to sums that are never −0 (every sum starts at +0, and +0 plus
// −0 is +0), so leaving them out changes no bit.
#include "VectorClones.h"

typedef int i8 __attribute__((vector_size(32)));
typedef int i4 __attribute__((vector_size(16)));

/// Rows handled per group: a group's elements are updated, then read back from L1 for the dot.
#define GROUP_ROWS 64

/// Where the stored elements sit in the padded layout.
typedef struct {
    ptrdiff_t rows, width, stride;
    /// Padded chunks in the blocked part (the first `rows · stride & −32` padded elements).
    ptrdiff_t blockedChunks;
    /// Stored elements whose padded position is in the blocked part (they form a prefix).
    ptrdiff_t fused;
    /// Stride 8: values in a row's (one) chunk, and the mask of their lanes.
    int lastValues;
    i8 lastMask;
    /// The same in 4-lane units (any stride; a row is `stride / 4` units).
    ptrdiff_t units, blockedUnits;
    int lastUnitValues;
    i4 lastUnitMask;
} layout;

static inline __attribute__((always_inline)) layout make_layout(ptrdiff_t rows, ptrdiff_t width, ptrdiff_t stride) {
    layout l;
    l.rows = rows;
    l.width = width;
    l.stride = stride;
    const ptrdiff_t blocked = (rows * stride) & ~(ptrdiff_t)31;
    l.blockedChunks = blocked / 8;
    const ptrdiff_t whole = blocked / stride, rest = blocked - whole * stride;
    l.fused = whole * width + (rest < width ? rest : width);
    l.lastValues = (int)(width - (stride - 8));
    for (int i = 0; i < 8; i++) l.lastMask[i] = i < l.lastValues ? -1 : 0;
    l.units = stride / 4;
    l.blockedUnits = blocked / 4;
    l.lastUnitValues = (int)(width - (stride - 4));
    for (int i = 0; i < 4; i++) l.lastUnitMask[i] = i < l.lastUnitValues ? -1 : 0;
    return l;
}

typedef struct {
    f8 lane[4];
    double tail;
} sums;

static inline __attribute__((always_inline)) sums sums_zero(void) {
    sums s;
    for (int k = 0; k < 4; k++) s.lane[k] = (f8){0, 0, 0, 0, 0, 0, 0, 0};
    s.tail = 0;
    return s;
}

/// `dot_rows` by 4-lane units, for any stride: unit `u` of the blocked part into the half `u mod 2`
/// of accumulator `(u / 2) mod 4` (the chunk `u / 2`'s), the rest in order into the double tail.
static inline __attribute__((always_inline)) void dot_rows_by_units(
    sums *s, const layout *l, const float *x, const float *y, ptrdiff_t r0, ptrdiff_t r1) {
    f4 half[8];
    for (int k = 0; k < 4; k++) {
        __builtin_memcpy(&half[2 * k], &s->lane[k], sizeof(f4));
        __builtin_memcpy(&half[2 * k + 1], (const char *)&s->lane[k] + 16, sizeof(f4));
    }
    const ptrdiff_t k = l->width;
    for (ptrdiff_t r = r0; r < r1; r++) {
        const float *xr = x + r * k, *yr = y + r * k;
        for (ptrdiff_t t = 0; t < l->units; t++) {
            const ptrdiff_t u = r * l->units + t;
            const int last = t == l->units - 1;
            if (u < l->blockedUnits) {
                f4 a, b;
                LOAD(a, xr + 4 * t);
                LOAD(b, yr + 4 * t);
                if (last) {
                    // The lanes past the row's values read the next row (or the slack): zeroed.
                    a = (f4)((i4)a & l->lastUnitMask);
                    b = (f4)((i4)b & l->lastUnitMask);
                }
                half[u & 7] = FMA(a, b, half[u & 7]);
            } else {
                const int values = last ? l->lastUnitValues : 4;
                for (int i = 0; i < values; i++) {
                    const float product = yr[4 * t + i] * xr[4 * t + i];
                    s->tail += product;
                }
            }
        }
    }
    for (int j = 0; j < 4; j++) {
        __builtin_memcpy(&s->lane[j], &half[2 * j], sizeof(f4));
        __builtin_memcpy((char *)&s->lane[j] + 16, &half[2 * j + 1], sizeof(f4));
    }
}

/// Adds `x[e]·y[e]` for the stored elements of rows `r0 ..< r1` at their padded places: chunk `q`
/// of the blocked part into accumulator `q mod 4`, the rest in order into the double tail.
/// (`r0` is a multiple of 4: groups start at multiples of GROUP_ROWS.)
static inline __attribute__((always_inline)) void dot_rows(
    sums *s, const layout *l, const float *x, const float *y, ptrdiff_t r0, ptrdiff_t r1) {
    ptrdiff_t r = r0;
    if (l->stride == 8) {
        // One chunk per row, four rows to the four accumulators in turn: the common case (5 or 6
        // classes), kept in whole registers. The sums in locals: through `s` they would be stored
        // and reloaded around every FMA, since they may alias the floats read.
        f8 lane0 = s->lane[0], lane1 = s->lane[1], lane2 = s->lane[2], lane3 = s->lane[3];
        const i8 mask = l->lastMask;
        const ptrdiff_t k = l->width;
        const ptrdiff_t blockedEnd = l->blockedChunks < r1 ? l->blockedChunks : r1;
        for (; r + 4 <= blockedEnd; r += 4) {
            f8 a0, a1, a2, a3, b0, b1, b2, b3;
            LOAD(a0, x + r * k);
            LOAD(b0, y + r * k);
            LOAD(a1, x + (r + 1) * k);
            LOAD(b1, y + (r + 1) * k);
            LOAD(a2, x + (r + 2) * k);
            LOAD(b2, y + (r + 2) * k);
            LOAD(a3, x + (r + 3) * k);
            LOAD(b3, y + (r + 3) * k);
            // The lanes past a row's values read the next row (or the slack): zeroed.
            lane0 = FMA((f8)((i8)a0 & mask), (f8)((i8)b0 & mask), lane0);
            lane1 = FMA((f8)((i8)a1 & mask), (f8)((i8)b1 & mask), lane1);
            lane2 = FMA((f8)((i8)a2 & mask), (f8)((i8)b2 & mask), lane2);
            lane3 = FMA((f8)((i8)a3 & mask), (f8)((i8)b3 & mask), lane3);
        }
        s->lane[0] = lane0;
        s->lane[1] = lane1;
        s->lane[2] = lane2;
        s->lane[3] = lane3;
    }
    // Every other row (and every stride) by 4-lane units.
    dot_rows_by_units(s, l, x, y, r, r1);
}

/// The accumulators reduced as VectorKernels.c's `dot_finish` reduces them, plus the tail.
static inline __attribute__((always_inline)) float sums_finish(const sums *s, const layout *l) {
    float head = 0;
    if (l->blockedChunks > 0) {
        head = reduce_accumulators(s->lane);
    }
    return (float)(s->tail + head);
}

/// End of the fused (blocked) prefix within the stored range `e0 ..< e1`.
static inline __attribute__((always_inline)) ptrdiff_t fused_end(const layout *l, ptrdiff_t e0, ptrdiff_t e1) {
    return l->fused < e0 ? e0 : (l->fused < e1 ? l->fused : e1);
}

DT_VECTOR_CLONES float dt_rows_dot(const float *x, const float *y, ptrdiff_t rows, ptrdiff_t width, ptrdiff_t stride) {
    const layout l = make_layout(rows, width, stride);
    sums s = sums_zero();
    dot_rows(&s, &l, x, y, 0, rows);
    return sums_finish(&s, &l);
}

DT_VECTOR_CLONES float dt_rows_copy_dot(
    float *target, const float *source, const float *other, ptrdiff_t rows, ptrdiff_t width, ptrdiff_t stride) {
    const layout l = make_layout(rows, width, stride);
    sums s = sums_zero();
    for (ptrdiff_t r0 = 0; r0 < rows; r0 += GROUP_ROWS) {
        const ptrdiff_t r1 = r0 + GROUP_ROWS < rows ? r0 + GROUP_ROWS : rows;
        __builtin_memcpy(target + r0 * width, source + r0 * width, (size_t)((r1 - r0) * width) * sizeof(float));
        dot_rows(&s, &l, other, target, r0, r1);
    }
    return sums_finish(&s, &l);
}

DT_VECTOR_CLONES float dt_rows_axpy_scale_dot(
    float *y, float alpha, const float *x, float scale, const float *other, ptrdiff_t rows, ptrdiff_t width,
    ptrdiff_t stride) {
    const layout l = make_layout(rows, width, stride);
    const f8 a8 = {alpha, alpha, alpha, alpha, alpha, alpha, alpha, alpha};
    const f8 s8 = {scale, scale, scale, scale, scale, scale, scale, scale};
    // BLAS skips an axpy with alpha = 0 (a fused 0·x + y would turn −0 into +0).
    const int add = alpha != 0;
    sums s = sums_zero();
    for (ptrdiff_t r0 = 0; r0 < rows; r0 += GROUP_ROWS) {
        const ptrdiff_t r1 = r0 + GROUP_ROWS < rows ? r0 + GROUP_ROWS : rows;
        const ptrdiff_t e0 = r0 * width, e1 = r1 * width, f = fused_end(&l, e0, e1);
        ptrdiff_t e = e0;
        for (; e + 8 <= f; e += 8) {
            f8 yv, xv;
            LOAD(yv, y + e);
            if (add) {
                LOAD(xv, x + e);
                yv = FMA(a8, xv, yv);
            }
            yv = yv * s8;
            STORE(y + e, yv);
        }
        for (; e < f; e++) y[e] = (add ? __builtin_fmaf(alpha, x[e], y[e]) : y[e]) * scale;
        for (; e < e1; e++) {
            float v = y[e];
            if (add) {
                const float product = alpha * x[e];
                v = v + product;
            }
            y[e] = v * scale;
        }
        if (other) dot_rows(&s, &l, other, y, r0, r1);
    }
    return other ? sums_finish(&s, &l) : 0;
}

DT_VECTOR_CLONES void dt_rows_step(
    float *target, const float *x, float step, const float *direction, ptrdiff_t rows, ptrdiff_t width,
    ptrdiff_t stride) {
    const layout l = make_layout(rows, width, stride);
    const ptrdiff_t n = rows * width;
    if (step == 0) {
        for (ptrdiff_t e = 0; e < n; e++) target[e] = x[e];
        return;
    }
    const f8 s8 = {step, step, step, step, step, step, step, step};
    const ptrdiff_t f = fused_end(&l, 0, n);
    ptrdiff_t e = 0;
    for (; e + 8 <= f; e += 8) {
        f8 xv, dv;
        LOAD(xv, x + e);
        LOAD(dv, direction + e);
        const f8 t = FMA(s8, dv, xv);
        STORE(target + e, t);
    }
    for (; e < f; e++) target[e] = __builtin_fmaf(step, direction[e], x[e]);
    for (; e < n; e++) {
        const float product = step * direction[e];
        target[e] = x[e] + product;
    }
}

DT_VECTOR_CLONES void dt_rows_correction_pair(
    float *s, float *y, const float *x1, const float *x0, const float *g1, const float *g0, ptrdiff_t rows,
    ptrdiff_t width, ptrdiff_t stride, float *sy, float *yy) {
    const layout l = make_layout(rows, width, stride);
    sums sumsSY = sums_zero(), sumsYY = sums_zero();
    for (ptrdiff_t r0 = 0; r0 < rows; r0 += GROUP_ROWS) {
        const ptrdiff_t r1 = r0 + GROUP_ROWS < rows ? r0 + GROUP_ROWS : rows;
        const ptrdiff_t e1 = r1 * width;
        ptrdiff_t e = r0 * width;
        for (; e + 8 <= e1; e += 8) {
            f8 a, b, c, d;
            LOAD(a, x1 + e);
            LOAD(b, x0 + e);
            LOAD(c, g1 + e);
            LOAD(d, g0 + e);
            const f8 sv = a - b, yv = c - d;
            STORE(s + e, sv);
            STORE(y + e, yv);
        }
        for (; e < e1; e++) {
            s[e] = x1[e] - x0[e];
            y[e] = g1[e] - g0[e];
        }
        dot_rows(&sumsSY, &l, s, y, r0, r1);
        dot_rows(&sumsYY, &l, y, y, r0, r1);
    }
    *sy = sums_finish(&sumsSY, &l);
    *yy = sums_finish(&sumsYY, &l);
}

DT_VECTOR_CLONES void dt_rows_unpad(float *rows, const float *padded, ptrdiff_t count, ptrdiff_t width, ptrdiff_t stride) {
    // Whole 4-lane units stored over the row's end: the next row's stores overwrite what spills.
    for (ptrdiff_t r = 0; r < count; r++) {
        for (ptrdiff_t t = 0; t < stride / 4; t++) {
            f4 v;
            LOAD(v, padded + r * stride + 4 * t);
            STORE(rows + r * width + 4 * t, v);
        }
    }
}

DT_VECTOR_CLONES void dt_rows_pad(float *padded, const float *rows, ptrdiff_t count, ptrdiff_t width, ptrdiff_t stride) {
    const layout l = make_layout(count, width, stride);
    for (ptrdiff_t r = 0; r < count; r++) {
        for (ptrdiff_t t = 0; t < l.units; t++) {
            f4 v;
            LOAD(v, rows + r * width + 4 * t);
            // The lanes past the row's values read the next row (or the slack): zeroed.
            if (t == l.units - 1) v = (f4)((i4)v & l.lastUnitMask);
            STORE(padded + r * stride + 4 * t, v);
        }
    }
}

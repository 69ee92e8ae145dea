#ifndef DISPUTETRIAGE_VECTOR_KERNELS_H
#define DISPUTETRIAGE_VECTOR_KERNELS_H

#include <stddef.h>

// Dense vector arithmetic for L-BFGS, each call one pass. Every result is rounded exactly as
// OpenBLAS 0.3's Haswell kernels (one thread) round `sdot`, `saxpy` and `sscal` (see VectorKernels.c).

/// `x · y`.
float dt_dot(const float *x, const float *y, ptrdiff_t n);

/// `target = source`, then returns `other · target`.
float dt_copy_dot(float *target, const float *source, const float *other, ptrdiff_t n);

/// `y = (y + alpha·x) · scale` (an axpy, then a scaling; `scale` 1 scales nothing), then returns
/// `other · y`, or 0 when `other` is NULL.
float dt_axpy_scale_dot(float *y, float alpha, const float *x, float scale, const float *other, ptrdiff_t n);

/// `target = x + step·direction` (a copy, then an axpy).
void dt_step(float *target, const float *x, float step, const float *direction, ptrdiff_t n);

/// `s = x1 − x0`, `y = g1 − g0`, and `*sy = s · y`, `*yy = y · y`.
void dt_correction_pair(float *s, float *y, const float *x1, const float *x0, const float *g1, const float *g0,
                        ptrdiff_t n, float *sy, float *yy);

// Also reached through this header, so that a module cache built before it existed sees a changed
// header and is rebuilt (a new file in the umbrella directory alone goes unnoticed).
#include "RowVectorKernels.h"

#endif

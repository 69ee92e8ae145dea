#ifndef DISPUTETRIAGE_ROW_VECTOR_KERNELS_H
#define DISPUTETRIAGE_ROW_VECTOR_KERNELS_H

#include <stddef.h>

// VectorKernels.h's passes for vectors stored without padding: `rows` rows of `width` floats that
// stand for rows of `stride` floats whose lanes from `width` on are zero (`stride` a multiple of 4,
// `stride − 4 < width ≤ stride`). Every result has the bits the VectorKernels.h function gives on
// the padded vectors (see RowVectorKernels.c). Vectors that are read must have 8 readable floats
// after their last row (the loads of a row's last chunk read past it; those lanes are ignored).

/// `x · y` (`dt_dot`).
float dt_rows_dot(const float *x, const float *y, ptrdiff_t rows, ptrdiff_t width, ptrdiff_t stride);

/// `target = source`, then returns `other · target` (`dt_copy_dot`).
float dt_rows_copy_dot(float *target, const float *source, const float *other, ptrdiff_t rows, ptrdiff_t width,
                       ptrdiff_t stride);

/// `y = (y + alpha·x) · scale`, then returns `other · y`, or 0 when `other` is NULL (`dt_axpy_scale_dot`).
float dt_rows_axpy_scale_dot(float *y, float alpha, const float *x, float scale, const float *other, ptrdiff_t rows,
                             ptrdiff_t width, ptrdiff_t stride);

/// `target = x + step·direction` (`dt_step`).
void dt_rows_step(float *target, const float *x, float step, const float *direction, ptrdiff_t rows,
                  ptrdiff_t width, ptrdiff_t stride);

/// `s = x1 − x0`, `y = g1 − g0`, `*sy = s · y`, `*yy = y · y` (`dt_correction_pair`).
void dt_rows_correction_pair(float *s, float *y, const float *x1, const float *x0, const float *g1, const float *g0,
                             ptrdiff_t rows, ptrdiff_t width, ptrdiff_t stride, float *sy, float *yy);

/// `rows` = the value lanes of `padded` (`count · stride` floats); `rows` needs 8 writable floats
/// after its `count · width` (whole chunks are stored, each spilling into the next row's place).
void dt_rows_unpad(float *rows, const float *padded, ptrdiff_t count, ptrdiff_t width, ptrdiff_t stride);

/// `padded` = `rows` with zero padding lanes.
void dt_rows_pad(float *padded, const float *rows, ptrdiff_t count, ptrdiff_t width, ptrdiff_t stride);

#endif

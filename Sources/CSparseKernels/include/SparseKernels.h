#ifndef DISPUTETRIAGE_SPARSE_KERNELS_H
#define DISPUTETRIAGE_SPARSE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

// Also reached through this header, so that a module cache built before Prefetch.h existed sees a
// changed header and is rebuilt (a new file in the umbrella directory alone goes unnoticed).
#include "Prefetch.h"

/// `out[c] = out[c] + values[p] * table[indices[p] * stride + c]` for every `p < count` in order
/// and every `c < stride`: a sparse row times a dense, row-major table. `stride` is a multiple of 4.
///
/// Each output lane is one multiply and one add per entry, in entry order, never fused, so the
/// result is the same bit for bit on every instruction set the function dispatches to (AVX2 or
/// the x86-64 baseline).
void dt_sparse_accumulate(float *out, const float *table, ptrdiff_t stride, const int32_t *indices,
                          const float *values, ptrdiff_t count);

/// `dt_sparse_accumulate` with `width` output lanes (a multiple of 4) over a table whose rows
/// are `pitch` floats apart, e.g. parameters stored without padding lanes (`pitch` = the class
/// count ≤ `width`): lanes from `pitch` on then sum the next row's values, which the caller
/// ignores, and the table needs `width − pitch` readable floats after its last indexed row.
void dt_sparse_accumulate_pitched(float *out, ptrdiff_t width, const float *table, ptrdiff_t pitch,
                                  const int32_t *indices, const float *values, ptrdiff_t count);

/// The largest `|v[i]|` for `i < count` (NaNs are skipped); 0 for no elements.
float dt_max_abs(const float *v, ptrdiff_t count);

#endif

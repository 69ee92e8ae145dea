#ifndef DISPUTETRIAGE_SHA256_BLOCKS_H
#define DISPUTETRIAGE_SHA256_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// Compresses `blocks` whole 64-byte blocks of `data` into the SHA-256 `state` (8 words, FIPS 180-4
/// order) with the x86 SHA extensions, and returns 1. Returns 0 without touching `state` when the
/// processor lacks them (or is not x86-64): the caller then uses its portable code.
int dt_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The 64 round constants K (FIPS 180-4 §4.2.2), shared with the portable Swift rounds.
extern const uint32_t dt_sha256_k[64];

#endif

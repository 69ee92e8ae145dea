#ifndef DISPUTETRIAGE_VECTOR_TYPES_H
#define DISPUTETRIAGE_VECTOR_TYPES_H

// The kernels' vector types and memory moves (private to this target: not under include/).

typedef float f8 __attribute__((vector_size(32)));
typedef float f4 __attribute__((vector_size(16)));

// Unaligned loads and stores (memcpy compiles to one vector move); macros rather than functions,
// since passing AVX vectors through a function of the baseline clone changes its calling convention.
#define LOAD(dst, p) __builtin_memcpy(&(dst), (p), sizeof(dst))
#define STORE(p, src) __builtin_memcpy((p), &(src), sizeof(src))

#endif

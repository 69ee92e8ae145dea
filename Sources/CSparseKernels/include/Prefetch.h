#ifndef DISPUTETRIAGE_PREFETCH_H
#define DISPUTETRIAGE_PREFETCH_H

/// Asks the processor to start loading the cache line of `address` for a read soon (no effect on
/// results; never faults, even for an invalid address). Swift has no prefetch of its own: a static
/// inline function from a C header is inlined into the Swift caller.
static inline __attribute__((always_inline)) void dt_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif

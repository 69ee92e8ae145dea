// CBLAS from OpenBLAS (libopenblas-dev); on Debian the header lives in the multiarch include path.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  // RTLD_DEFAULT
#endif
#include <dlfcn.h>
#include <cblas.h>

/// Stops the idle worker threads of the pthread build of OpenBLAS (see BLASThreads.stopIdleWorkers).
/// Looked up at run time: OpenMP and serial builds have no such pool. 0 when stopped, -1 if absent.
static inline int dt_openblas_stop_idle_workers(void) {
    int (*shutdown)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
    return shutdown ? shutdown() : -1;
}

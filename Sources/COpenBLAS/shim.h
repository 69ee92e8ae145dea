// CBLAS from OpenBLAS (libopenblas-dev); on Debian the header lives in the multiarch include path.
#include <cblas.h>

// The C library, imported in one place for the whole package: a module that needs POSIX calls or
// libm (`logf`, `expf`, `log1p`) imports SystemSupport instead of repeating the platform `#if`.
#if canImport(Glibc)
    @_exported import Glibc
#elseif canImport(Musl)
    @_exported import Musl
#elseif canImport(Darwin)
    @_exported import Darwin
#else
    #error("SystemSupport needs Glibc, Musl or Darwin")
#endif

@_spi(Components) import LinearAlgebra
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Only ever sets one thread (the library default), so suites running concurrently are unaffected.
@Suite("BLASThreads", .serialized)
struct BLASThreadsTests {
    @Test(arguments: [0, -1, Int.min])
    func configureRejectsNonPositiveCounts(threads: Int) {
        let before = BLASThreads.current
        let error = #expect(throws: LinearAlgebraError.self) { try BLASThreads.configure(threads: threads) }
        guard case let .invalidArgument(name, reason)? = error else {
            Issue.record("expected invalidArgument, got \(String(describing: error))")
            return
        }
        #expect(name == "threads")
        #expect(reason.contains("\(threads)"))
        #expect(BLASThreads.current == before)
    }

    @Test
    func configureRejectsCountsBeyondInt32() {
        #expect(throws: LinearAlgebraError.self) { try BLASThreads.configure(threads: Int.max) }
    }

    @Test func configureOneThread() throws {
        try BLASThreads.configure(threads: 1)
        #expect(BLASThreads.current == 1)
    }

    @Test func libraryDefaultIsOneThreadUnlessEnvironmentSaysOtherwise() throws {
        BLASThreads.useLibraryDefault()
        BLASThreads.useLibraryDefault()  // idempotent
        if getenv("OPENBLAS_NUM_THREADS") == nil {
            #expect(BLASThreads.current == 1)
        } else {
            #expect(BLASThreads.current >= 1)
        }
    }

    /// In a child process, since OpenBLAS's pool belongs to the process: the idle workers it started
    /// at load go away, and a later multi-threaded call starts them again and computes the same.
    @Test(.enabled(if: getenv("OPENBLAS_NUM_THREADS") == nil, "OPENBLAS_NUM_THREADS is set: OpenBLAS started no pool"))
    func stoppingIdleWorkersLeavesBLASWorking() async {
        await #expect(processExitsWith: .success) {
            func threadsInProcess() -> Int {
                guard let dir = opendir("/proc/self/task") else { return -1 }
                defer { closedir(dir) }
                var count = 0
                while let entry = readdir(dir) { if entry.pointee.d_name.0 != UInt8(ascii: ".") { count += 1 } }
                return count
            }
            let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
            let before = threadsInProcess()
            let hadPool = BLASThreads.stopIdleWorkers()
            let after = threadsInProcess()
            // A pthread OpenBLAS on n cores starts n - 1 workers.
            if hadPool && cores >= 2 && after != before - (cores - 1) { exit(1) }
            let n = 300
            let a = try! Matrix(rows: n, columns: n, values: (0..<n * n).map { Float($0 % 7) - 3 })
            var one = Matrix(rows: n, columns: n)
            BLAS.gemm(a, .asIs, a, .transposed, into: &one)
            try! BLASThreads.configure(threads: 2)
            var two = Matrix(rows: n, columns: n)
            BLAS.gemm(a, .asIs, a, .transposed, into: &two)
            // Small integers: every sum is exact, whatever the split.
            let column: [Float] = (0..<n).map { Float($0 % 7) - 3 }
            let firstEntry = column.reduce(Float(0)) { $0 + $1 * $1 }
            exit(one.values == two.values && one.values[0] == firstEntry ? 0 : 2)
        }
    }

    @Test func coreNameIsReported() {
        let name = BLASThreads.coreName
        #expect(!name.isEmpty)
        #expect(!name.contains("\0"))
    }
}

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
    func configureRejectsNonPositiveCounts(threads: Int) throws {
        // Start from the library default: other suites load models, which set it concurrently, so a
        // count read before that (the machine's cores) could change under the test.
        try BLASThreads.configure(threads: 1)
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
            // Thread ids rather than a count: the test runtime may start a thread of its own meanwhile.
            func threadIDs() -> Set<String> {
                guard let dir = opendir("/proc/self/task") else { return [] }
                defer { closedir(dir) }
                var ids: Set<String> = []
                while let entry = readdir(dir) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) {
                        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                    }
                    if !name.hasPrefix(".") { ids.insert(name) }
                }
                return ids
            }
            // Nothing has set a count in this process yet: OpenBLAS's own, whose pool has one worker fewer.
            let workers = BLASThreads.current - 1
            let before = threadIDs()
            let hadPool = BLASThreads.stopIdleWorkers()
            let gone = before.subtracting(threadIDs()).count
            if hadPool && gone < workers { exit(1) }
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

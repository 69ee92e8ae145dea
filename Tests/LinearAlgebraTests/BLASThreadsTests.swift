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

    @Test func coreNameIsReported() {
        let name = BLASThreads.coreName
        #expect(!name.isEmpty)
        #expect(!name.contains("\0"))
    }
}

import SystemSupport

/// `--out DIR` of the commands that write several files into a directory: created with its
/// missing parents, and refused with the system's reason when that cannot be done (an existing
/// file of that name, a read-only or missing place).
enum OutputDirectory {
    static func create(_ path: String) throws {
        guard !path.isEmpty else { throw CLIError("the output directory path is empty") }
        do {
            try FileIO.makeDirectories(path)
        } catch {
            throw CLIError("cannot create output directory \(path): \(error)")
        }
    }
}

// Types that DisputeTriage's public API uses or throws but that are declared in the modules below
// it. Re-exported so that `import DisputeTriage` is enough to name (and catch) them; the modules
// themselves are not API (their other declarations are `package`, or `@_spi(Components)` where the
// separate Benchmarks package needs them).
@_exported import enum Learners.LearnerError
@_exported import enum LinearAlgebra.LinearAlgebraError
@_exported import enum ModelFormat.ModelFormatError
@_exported import struct Records.Record
@_exported import struct Records.RecordError
@_exported import enum TextFeatures.FeatureError

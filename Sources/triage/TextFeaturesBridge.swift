import TextFeatures

/// Fresh reusable buffers for the feature hot path.
enum TextFeaturesBridge {
    static func vector() -> SparseVector { SparseVector() }
    static func workspace() -> FeatureWorkspace { FeatureWorkspace() }
}

import Records

/// Texts and their labels for several label fields, read from a CSV or JSONL file.
struct LabeledTexts {
    var texts: [String] = []
    var labels: [String: [String]] = [:]

    /// Reads `path`, requiring a non-empty text and a non-empty value for every label field on every record.
    static func read(path: String, textField: String, labelFields: [String]) throws -> LabeledTexts {
        let reader = try RecordReader(path: path)
        var data = LabeledTexts()
        for field in labelFields { data.labels[field] = [] }
        while let record = try reader.next() {
            data.texts.append(try record.requiredText(textField))
            for field in labelFields {
                guard let label = try record.optionalText(field), !label.isEmpty else {
                    throw record.error(field, "missing label")
                }
                data.labels[field]!.append(label)
            }
        }
        guard !data.texts.isEmpty else { throw RecordError(file: path, line: 0, reason: "no records") }
        return data
    }

    /// Fails naming `file` and `field` when every label is the same: a classifier needs two classes
    /// (the library would refuse it too, without knowing the file).
    static func requireTwoClasses(_ labels: [String], field: String, file: String) throws {
        guard let first = labels.first, !labels.contains(where: { $0 != first }) else { return }
        throw RecordError(
            file: file, line: 0, field: field,
            reason: "every record has the label '\(first)': a classifier needs at least 2 classes")
    }
}

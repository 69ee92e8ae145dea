import ArgumentParser

/// `--data FILE --label FIELD [--text-field FIELD]`, shared by the commands that read one label
/// from labelled data (`evaluate`, `crossvalidate`).
struct LabeledDataOptions: ParsableArguments {
    @Option(help: "Labelled data (.csv, .jsonl or .ndjson; - for standard input, JSONL if it starts with {).")
    var data: String

    @Option(help: "Label field.")
    var label: String

    @Option(help: "Field holding the text.")
    var textField = "text"
}

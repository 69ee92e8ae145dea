"""A small Markdown writer for the report: headings, paragraphs, bullets and pipe tables, each block
followed by one blank line."""


class Markdown:
    def __init__(self):
        self.lines = []

    def title(self, text):
        self.lines += [f"# {text}", ""]

    def heading(self, text):
        self.lines += [f"## {text}", ""]

    def paragraph(self, *parts):
        """One paragraph on one line, from the parts joined without separators."""
        self.lines += ["".join(parts), ""]

    def bullets(self, items):
        self.lines += [f"- {item}" for item in items] + [""]

    def table(self, header, align, rows):
        """A pipe table; align has one letter per column, l (left) or r (right)."""
        rule = {"l": "---", "r": "---:"}
        self.lines += [_row(header), "|" + "|".join(rule[a] for a in align) + "|", *map(_row, rows), ""]

    def text(self):
        """The document, ending in one newline."""
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _row(cells):
    return "| " + " | ".join(cells) + " |"

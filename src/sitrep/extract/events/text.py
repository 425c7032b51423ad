"""Text preparation before parsing."""

from __future__ import annotations


def prepare_text_for_parsing(text: str) -> str:
    """Text in capitals (wire copy, MUC-4) parses badly: lowercase it and restore sentence-initial
    capitals. Only letter case changes, so every character offset stays the same."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.6:
        return text
    # Character by character: str.lower() can lengthen some letters ("İ"), which would shift offsets.
    lowered = [c.lower() if len(c.lower()) == 1 else c for c in text]
    capitalize_next = True
    for i, char in enumerate(lowered):
        if char.isalpha():
            if capitalize_next:
                lowered[i] = char.upper()
            capitalize_next = False
        elif char in ".!?":
            capitalize_next = True
        elif char == "\n" and i + 1 < len(lowered) and lowered[i + 1] == "\n":
            capitalize_next = True
    return "".join(lowered)


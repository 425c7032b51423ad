"""Cleanup: turn raw article text into the cleaned text that every offset in sitrep refers to.

The steps are pure text-to-text functions. `clean_text` runs them in order; nothing downstream
edits the text again, so a span's offsets stay valid from `sitrep read` to the exported record.
"""

from __future__ import annotations

import html
import re
import unicodedata

PARAGRAPH_BREAK = "\n\n"

# Characters that carry no meaning in news text but break tokenization or offsets.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
# Typographic variants mapped to what spaCy's tokenizer and our regexes expect. Dashes and
# accented letters are kept: "al-Bab", "Sa'dah" and em-dash datelines need them.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
        "\u2028": "\n", "\u2029": "\n\n", "\t": " ", "\f": "\n\n", "\v": "\n",
    }
)

_SENTENCE_END = re.compile(r"""[.!?:;]["')\]]*$|["')\]]$""")

# Lines that belong to the page around the article, not to the article. Anchored at the start
# of a short line so that a sentence like "He said to click here" inside a paragraph survives.
_FOOTER = re.compile(
    r"""^(?:
        share\ this(?:\ article|\ story|\ page)?\b | share\ on\b | share:?$ |
        subscribe\b | sign\ up\b | follow\ us\b | follow\ @ | like\ us\ on\b |
        click\ here\b | read\ more\b | read\ also\b | related(?:\ articles|\ stories)?:? |
        (?:copyright|\(c\)|©) | all\ rights\ reserved |
        contact(?:\ us)?\b | for\ more\ information,?\ contact\b | advertisement$ | advert$ |
        sponsored(?:\ content)?$ | download\ (?:our|the)\ app\b |
        (?:tel|phone|email|e-mail): |
        \(\s*(?:additional\ )?(?:reporting|writing|editing|compiled)\ by\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_EMAIL_LINE = re.compile(r"^[<(]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[>)]?$")
_MAX_FOOTER_LENGTH = 160
_MAX_WRAP_WIDTH = 100

# Word fragments that keep their hyphen when a line break splits "pro-\ngovernment".
_HYPHEN_PREFIXES = frozenset(
    "al el ad as an ar at az ash ad-di ibn abu bin pro anti non self ex co post pre multi cross "
    "well counter cease semi mid pan inter intra sub ultra vice".split()
)


def clean_text(raw: str, markdown: bool = False) -> str:
    """The cleaned text of one article: markup removed, lines rejoined, footers dropped.

    Paragraphs are separated by exactly one blank line ("\\n\\n"); there is no leading or
    trailing whitespace.
    """
    return clean_normalized_text(normalize_characters(raw), markdown)


def clean_normalized_text(text: str, markdown: bool = False) -> str:
    """`clean_text` for text that has been through `normalize_characters` already (normalizing
    twice would decode an entity twice: "&amp;lt;" must end as "&lt;", not "<")."""
    if markdown:
        text = strip_markdown(text)
    blocks = [unwrap_block(block) for block in split_blocks(text)]
    blocks = [block for block in blocks if block]
    blocks = drop_footer_lines(blocks)
    return PARAGRAPH_BREAK.join(rejoin_broken_paragraphs(blocks))


def normalize_characters(text: str, decode_entities: bool = True) -> str:
    """Decode HTML entities, unify newlines, quotes and spaces, compose accents (NFC)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if decode_entities:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_INVISIBLE).translate(_TYPOGRAPHY)
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    return re.sub(r"[ ]{2,}", " ", text)


def split_blocks(text: str) -> list[str]:
    """Blocks of text separated by one or more blank lines."""
    return [block for block in re.split(r"\n[ ]*\n+", text) if block.strip()]


def unwrap_block(block: str) -> str:
    """Join a block's lines into paragraphs. In hard-wrapped text (lines of about the same
    width) a line break is a space unless a sentence ends well short of the width; in text with
    one paragraph per line, a line that ends a sentence ends its paragraph."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    if not lines:
        return ""
    width = max(len(line) for line in lines)
    wrapped = is_hard_wrapped(lines)
    out = lines[0]
    for previous, line in zip(lines, lines[1:], strict=False):
        if _ends_sentence(previous) and (not wrapped or len(previous) < 0.75 * width):
            out += PARAGRAPH_BREAK + line
        else:
            out = join_split_line(out, line)
    return out


def is_hard_wrapped(lines: list[str]) -> bool:
    """Most lines but the last fill a fixed width of at most about 100 characters."""
    if len(lines) < 2:
        return False
    width = max(len(line) for line in lines)
    full = sum(1 for line in lines[:-1] if len(line) >= 0.7 * width)
    return width <= _MAX_WRAP_WIDTH and full >= 0.8 * (len(lines) - 1)


def join_split_line(before: str, after: str) -> str:
    """Join two pieces of one sentence split by a line break, mending a hyphenated word."""
    match = re.search(r"(\w+)-$", before)
    if match and after[:1].isalpha():
        fragment = match.group(1).lower()
        if after[:1].isupper() or fragment in _HYPHEN_PREFIXES or fragment.isdigit():
            return before + after
        return before[:-1] + after
    return f"{before} {after}"


def rejoin_broken_paragraphs(blocks: list[str]) -> list[str]:
    """Mend a paragraph break that falls inside a sentence ("the foreign\\n\\nminister said"),
    as in text pasted from PDFs and web pages: the block before does not end a sentence and the
    next starts in lower case, or the break splits a hyphenated word."""
    out: list[str] = []
    for block in blocks:
        if out and _is_continuation(out[-1], block):
            out[-1] = join_split_line(out[-1], block)
        else:
            out.append(block)
    return out


def _is_continuation(before: str, after: str) -> bool:
    if _ends_sentence(before):
        return False
    if re.search(r"\w-$", before) and after[:1].isalpha():
        return True
    return after[:1].islower()


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.rstrip()))


def drop_footer_lines(blocks: list[str]) -> list[str]:
    """Remove share, subscribe, contact, copyright and similar lines, and lone e-mail addresses."""
    kept = []
    for block in blocks:
        paragraphs = [p for p in block.split(PARAGRAPH_BREAK) if not is_footer_line(p)]
        if paragraphs:
            kept.append(PARAGRAPH_BREAK.join(paragraphs))
    return kept


def is_footer_line(line: str) -> bool:
    line = line.strip().strip("*_|•·-– ").strip()
    if not line:
        return True
    if _EMAIL_LINE.match(line):
        return True
    return len(line) <= _MAX_FOOTER_LENGTH and bool(_FOOTER.match(line))


# Markdown -----------------------------------------------------------------------------------

_MD_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_MD_SETEXT = re.compile(r"^[ \t]*(=+|-+)[ \t]*$", re.MULTILINE)
_MD_LINK_DEFINITION = re.compile(r"^[ \t]*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)
_MD_BULLET = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_MD_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_MD_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_MD_CODE = re.compile(r"`+([^`]+)`+")
_MD_INLINE_TAG = re.compile(r"</?(?:br|span|em|strong|b|i|u|sup|sub|a\b[^>]*)\s*/?>", re.IGNORECASE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|<>~\"'])")


def strip_markdown(text: str) -> str:
    """Markdown to plain text: keep the words, drop the markup. Each heading and list item
    becomes its own paragraph so that it is not glued to the sentence after it."""
    # Escaped characters are hidden first so that "\*" or "\_" is not read as markup.
    text, escaped = _hide_escapes(text)
    text = _MD_FENCE.sub("", text)
    text = _MD_RULE.sub("\n", text)
    text = _MD_SETEXT.sub("\n", text)
    text = _MD_LINK_DEFINITION.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REFERENCE_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_HEADING.sub(lambda m: f"\n\n{m.group(1)}\n\n", text)
    text = _MD_BLOCKQUOTE.sub("", text)
    text = _MD_BULLET.sub("\n\n", text)
    for pattern in (_MD_STRONG, _MD_STRIKE, _MD_EMPHASIS_STAR, _MD_EMPHASIS_UNDERSCORE):
        text = pattern.sub(lambda m: m.group(m.lastindex or 0), text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_INLINE_TAG.sub("", text)
    return _restore_escapes(text, escaped)


_ESCAPE_MARK = "\ue000"  # a private-use character never found in news text


def _hide_escapes(text: str) -> tuple[str, list[str]]:
    escaped: list[str] = []

    def hide(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return _ESCAPE_MARK

    return _MD_ESCAPE.sub(hide, text.replace(_ESCAPE_MARK, "")), escaped


def _restore_escapes(text: str, escaped: list[str]) -> str:
    pieces = text.split(_ESCAPE_MARK)
    out = [pieces[0]]
    for char, piece in zip(escaped, pieces[1:], strict=False):
        out.append(char + piece)
    return "".join(out)

"""What a PDF actually draws: the glyphs each of its fonts is asked for, read from the pages'
content streams. WeasyPrint embeds each font as a Type 0 font with an identity CID-to-glyph
map, so every two bytes of a shown string are a code, the code's CID is a glyph id of the
embedded (subset) TrueType font. The code is the CID (Identity-H) unless the font has
characters it cannot draw: then WeasyPrint writes its own encoding (a "WP-Encod-0" CMap) that
sends those codes to CID 0. A character no installed font covers thus comes out as glyph 0
(.notdef, the empty box), or as an id past the end of the font; either is a character the
reader cannot read."""

import io
import re
from dataclasses import dataclass, field

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream


@dataclass
class FontUse:
    name: str  # the embedded font's name, without its subset prefix: "Noto-Sans-Gurmukhi"
    glyph_count: int
    encoding: dict[int, int] | None  # code → CID; None for Identity-H (the code is the CID)
    glyph_ids: set[int] = field(default_factory=set)

    def draw(self, shown: bytes) -> None:
        for i in range(0, len(shown), 2):
            code = int.from_bytes(shown[i : i + 2], "big")
            # A code the encoding does not list is drawn as CID 0 (PDF 1.7, 9.7.6.3).
            self.glyph_ids.add(code if self.encoding is None else self.encoding.get(code, 0))

    @property
    def missing(self) -> set[int]:
        return {g for g in self.glyph_ids if g == 0 or g >= self.glyph_count}


def _shown_strings(operands, operator) -> list[bytes]:
    if operator in (b"Tj", b"'"):
        return [bytes(operands[0].original_bytes)]
    if operator == b'"':
        return [bytes(operands[2].original_bytes)]
    if operator == b"TJ":
        return [
            bytes(item.original_bytes) for item in operands[0] if hasattr(item, "original_bytes")
        ]
    return []


def fonts_drawn(pdf_bytes: bytes) -> dict[str, FontUse]:
    """Each embedded font subset with the glyph ids the document draws from it."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    found: dict[str, FontUse] = {}
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        current = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = _font_use(fonts[operands[0]].get_object(), found)
                continue
            for shown in _shown_strings(operands, operator):
                assert current is not None, "text shown before any font was chosen"
                current.draw(shown)
    return found


CID_CHAR = re.compile(rb"<([0-9a-fA-F]{4})>\s+(\d+)")
CID_RANGE = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>\s+(\d+)")


def _encoding(cmap: bytes) -> dict[int, int]:
    """Code → CID from an embedded CMap's cidchar and cidrange entries."""
    found: dict[int, int] = {}
    for block in re.findall(rb"begincidrange(.*?)endcidrange", cmap, re.S):
        for low, high, cid in CID_RANGE.findall(block):
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                found[code] = int(cid) + offset
    for block in re.findall(rb"begincidchar(.*?)endcidchar", cmap, re.S):
        found.update((int(code, 16), int(cid)) for code, cid in CID_CHAR.findall(block))
    return found


def _font_use(font, found: dict[str, FontUse]) -> FontUse:
    assert font["/Subtype"] == "/Type0", f"{font['/BaseFont']}: not a Type 0 font"
    descendant = font["/DescendantFonts"][0].get_object()
    assert descendant.get("/CIDToGIDMap", "/Identity") == "/Identity"
    embedded = str(font["/BaseFont"])  # "/QNNKSG+Noto-Sans-Gurmukhi": one subset
    if embedded not in found:
        data = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        name = embedded.split("+", 1)[-1]
        glyphs = len(TTFont(io.BytesIO(data)).getGlyphOrder())
        encoding = font["/Encoding"]
        if encoding == "/Identity-H":
            found[embedded] = FontUse(name, glyphs, None)
        else:
            found[embedded] = FontUse(name, glyphs, _encoding(encoding.get_object().get_data()))
    return found[embedded]

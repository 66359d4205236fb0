"""A RAG rating as plans show it (issue 21, deliverable 4): in words ("Amber", "on track",
"at risk", "complete"), as a symbol (✓, ✗, and the Wingdings characters Word puts in for
them) or only as the cell's shading colour."""

import colorsys

# Lower case, as the cell reads once its spaces are folded.
RAG_WORDS = {
    "red": "red",
    "r": "red",
    "off track": "red",
    "not on track": "red",
    "off target": "red",
    "significant concerns": "red",
    "serious concerns": "red",
    "well below target": "red",
    "significant slippage": "red",
    "amber": "amber",
    "a": "amber",
    "yellow": "amber",
    "at risk": "amber",
    "some concerns": "amber",
    "minor concerns": "amber",
    "slipping": "amber",
    "slippage": "amber",
    "some slippage": "amber",
    "minor slippage": "amber",
    "behind schedule": "amber",
    "below target": "amber",
    "slightly below target": "amber",
    "delayed": "amber",
    "amber/green": "amber",
    "green": "green",
    "g": "green",
    "on track": "green",
    "on target": "green",
    "on schedule": "green",
    "ahead of schedule": "green",
    "achieved": "green",
    "complete": "green",
    "completed": "green",
    "done": "green",
    "blue": "green",  # "complete" in Blue-RAG schemes
    "white": "white",
    "w": "white",
    "not started": "white",
    "not yet started": "white",
}
SYMBOLS = {
    "✓": "green",
    "✔": "green",
    "☑": "green",
    "✗": "red",
    "✘": "red",
    "☒": "red",
}
# Characters of symbol fonts (Word's <w:sym w:font=… w:char=…>), as what they show.
SYMBOL_FONTS = {
    ("wingdings", 0xFC): "✓",
    ("wingdings", 0xFB): "✗",
    ("wingdings", 0xFD): "☒",
    ("wingdings", 0xFE): "☑",
    ("wingdings", 0x6C): "●",
    ("wingdings", 0xA8): "☐",
    ("wingdings 2", 0x50): "✓",
    ("wingdings 2", 0x4F): "✗",
    ("wingdings 2", 0x52): "☑",
    ("wingdings 2", 0x54): "☒",
    ("symbol", 0xD6): "✓",
}


def symbol_character(font: str, code: str) -> str:
    """What a symbol-font character shows (Word writes F0FC for Wingdings' 0xFC); "" if
    saferplan does not know it."""
    try:
        number = int(code, 16)
    except ValueError:
        return ""
    return SYMBOL_FONTS.get((font.lower(), number & 0xFF), "")


def rag_of_text(text: str) -> str | None:
    """The rating a cell's words or symbol say; None when they say none."""
    text = " ".join(text.lower().split()).strip(" .:;-–")
    if text in RAG_WORDS:
        return RAG_WORDS[text]
    if text in SYMBOLS:
        return SYMBOLS[text]
    return None


def rag_of_colour(fill: str) -> str | None:
    """The rating a cell's shading means: red, amber (orange or yellow) or green by its hue;
    None for white, greys and colours that are none of them (blue is "complete": green)."""
    fill = fill.strip().lstrip("#")
    if len(fill) != 6:
        return None
    try:
        red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < 0.3 or value < 0.3:
        return None  # white, grey, black: no rating
    degrees = hue * 360
    if degrees < 15 or degrees >= 330:
        return "red"
    if degrees < 65:
        return "amber"
    if degrees < 170:
        return "green"
    if degrees < 260:
        return "green"  # blue: complete
    return None

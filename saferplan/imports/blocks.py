"""The neutral shape every reader produces: headings, paragraphs, list items and tables, in
document order. The builders turn blocks into a ParsedPlan, whatever the file format."""

from dataclasses import dataclass, field

from .parsed import Location


@dataclass
class Heading:
    text: str
    location: Location
    level: int = 2
    sheet: bool = False  # a worksheet's name: a section only when numbered, never the title


@dataclass
class Paragraph:
    text: str
    location: Location


@dataclass
class ListItem:
    text: str
    location: Location
    number: int | None = None  # "1. Serious Violence" → 1


@dataclass
class Row:
    cells: list[str]  # cell contents; may hold HTML (lists, paragraphs)
    location: Location
    fills: list[str] = field(default_factory=list)  # each cell's shading, "RRGGBB" or ""
    spans: bool = False  # a cell of it is merged across the table's columns (a title row)


@dataclass
class Table:
    """One physical table. `header` is None when the table goes on from the last one
    without repeating its heading row (a page break in a converted document)."""

    rows: list[Row]
    location: Location
    header: list[str] | None = None
    subheader: list[str] | None = None
    index: int = 0


@dataclass
class TabLine:
    """A tab-separated line outside any action table: a narrative plan's small tables
    (Dacorum's Priority / Actions / Desired outcomes rows, a colour key)."""

    cells: list[str]
    location: Location


Block = Heading | Paragraph | ListItem | Table | TabLine


@dataclass
class Document:
    name: str
    blocks: list[Block] = field(default_factory=list)

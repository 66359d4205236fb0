"""The one way saferplan writes a CSV for people: Excel reads it as UTF-8, no typed cell runs
as a formula, the file name cannot break its header, and the rows stream."""

import csv
import io
from decimal import Decimal

import pytest

from saferplan.core.csv_download import (
    FORMULA_STARTS,
    csv_lines,
    csv_response,
    spreadsheet_cell,
)


def read(response) -> tuple[bytes, list[list[str]]]:
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_file_starts_with_the_byte_order_mark_excel_needs():
    body, rows = read(csv_response("plan.csv", ["name"], [["Hertsmere"]]))
    assert body.startswith(b"\xef\xbb\xbf")
    assert rows == [["name"], ["Hertsmere"]]


def test_the_byte_order_mark_comes_once_not_on_every_line():
    text = "".join(csv_lines(["a"], [["1"], ["2"]]))
    assert text.count("\ufeff") == 1


def test_text_for_a_terminal_may_leave_the_byte_order_mark_out():
    assert "".join(csv_lines(["a"], [["1"]], byte_order_mark=False)) == "a\r\n1\r\n"


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://evil.example","Click")',
        "+SUM(1,2)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1,2)",
        "\t=1+1",
        "\r=1+1",
        "-",
    ],
)
def test_a_typed_formula_is_written_as_text(typed):
    _body, rows = read(csv_response("plan.csv", [typed], [[typed, "fine"]]))
    for cell in rows[0] + rows[1][:1]:
        assert not cell.startswith(FORMULA_STARTS)
        assert cell == "'" + typed


@pytest.mark.parametrize(
    ("value", "cell"),
    [(-12, "-12"), (Decimal("-3.5"), "-3.5"), ("-0.8%", "-0.8%"), ("+5", "+5"), (7002, "7002")],
)
def test_a_number_stays_a_number(value, cell):
    assert spreadsheet_cell(value) == cell


@pytest.mark.parametrize(("value", "cell"), [(True, "true"), (False, "false"), (None, "")])
def test_booleans_and_nothing_read_as_words(value, cell):
    assert spreadsheet_cell(value) == cell


def test_non_ascii_text_survives():
    typed = "Café – Ōtautahi’s “quotes”, 🚓 and\na line break"
    _body, rows = read(csv_response("plan.csv", ["text"], [[typed]]))
    assert rows[1] == [typed]


@pytest.mark.parametrize(
    ("filename", "header"),
    [
        ("hertsmere-plan.csv", 'attachment; filename="hertsmere-plan.csv"'),
        ('a "quoted" name.csv', 'attachment; filename="a \\"quoted\\" name.csv"'),
        ("../../etc/passwd.csv", 'attachment; filename="..-..-etc-passwd.csv"'),
        ("Café plan.csv", "attachment; filename*=utf-8''Caf%C3%A9%20plan.csv"),
        (
            "plan.csv\r\nSet-Cookie: x=1",
            "attachment; filename*=utf-8''plan.csv%0D%0ASet-Cookie%3A%20x%3D1",
        ),
    ],
)
def test_the_file_name_cannot_break_the_header(filename, header):
    response = csv_response(filename, ["a"], [])
    assert response["Content-Disposition"] == header
    assert "\n" not in response["Content-Disposition"]


def test_rows_are_read_only_as_the_file_is_sent():
    read_rows = []

    def rows():
        for number in range(3):
            read_rows.append(number)
            yield [number]

    response = csv_response("plan.csv", ["n"], rows())
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert read_rows == []
    lines = iter(response.streaming_content)
    next(lines)  # the header
    assert read_rows == []
    next(lines)
    assert read_rows == [0]

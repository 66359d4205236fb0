"""Paragraphs in other languages on the published plan (issue 24, deliverable 3): seed 002's
notice marked on the page and in Word, and a tag the plan form does not know refused."""

import io
import re
from collections import Counter

import docx
import pytest
from django.urls import reverse
from docx.oxml.ns import qn
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
)

from saferplan.core.tests.pdf_glyphs import fonts_drawn
from saferplan.core.tests.test_languages import seed_002_notice
from saferplan.plans.tests.factories import PlanFactory


@pytest.fixture
def strategic(partnership):
    return PlanFactory(
        partnership=partnership,
        kind="strategic",
        title="Hertsmere Community Safety Partnership Plan 2023 - 2027",
        period_start="2023-04-01",
        period_end="2027-03-31",
        status="published",
    )


def page(client, partnership):
    return client.get(reverse("public:plan", args=[partnership.slug]))


def test_each_paragraph_of_seed_002s_notice_is_marked_with_its_language_and_direction(
    client, partnership, strategic
):
    """WCAG 2.2 3.1.2: a screen reader reads the Arabic, Chinese, Polish and Punjabi of seed
    002's notice in their own voices, and the Arabic right to left."""
    strategic.language_notice = seed_002_notice() + "\n\n[so] Dukumeentigan waa la heli karaa."
    strategic.save()
    html = page(client, partnership).content.decode()
    notice = html[html.index('id="language-notice"') :]
    notice = notice[: notice.index("</section>") if "</section>" in notice else len(notice)]

    opened = re.findall(r'<p class="govuk-body"([^>]*)>', notice)
    assert [attrs.strip() for attrs in opened[:12]] == [
        "",
        "",
        "",
        'lang="ar" dir="rtl"',
        'lang="ar" dir="rtl"',
        'lang="zh"',
        'lang="zh"',
        'lang="pl"',
        'lang="pl"',
        'lang="pa"',
        'lang="pa"',
        'lang="so"',
    ]
    assert ">Dukumeentigan waa la heli karaa.</p>" in notice  # the tag is not shown
    assert "ਜੇ ਕੁਹਾਨੂੰ ਕੋਈ ਦਸਤਾਵੇਜ਼" in notice  # the second Punjabi paragraph is there

    # In Word, each run says its language, in the attribute Word reads for its script.
    word = docx.Document(
        io.BytesIO(
            client.get(reverse("public:plan-document", args=[partnership.slug, "docx"])).content
        )
    )
    marked = {}
    for paragraph in word.paragraphs:
        lang = paragraph._p.find(".//" + qn("w:lang"))
        if lang is not None:
            attributes = {key.split("}")[1]: value for key, value in lang.attrib.items()}
            right_to_left = paragraph._p.find(".//" + qn("w:rtl")) is not None
            marked.setdefault((tuple(sorted(attributes.items())), right_to_left), 0)
            marked[(tuple(sorted(attributes.items())), right_to_left)] += 1
    assert marked == {
        ((("bidi", "ar"),), True): 2,
        ((("eastAsia", "zh"),), False): 2,
        ((("val", "pl"),), False): 2,
        ((("val", "pa"),), False): 2,
        ((("val", "so"),), False): 1,
    }
    assert [p.text for p in word.paragraphs if p.text.startswith("Dukumeentigan")] == [
        "Dukumeentigan waa la heli karaa."
    ]


def test_the_plan_form_refuses_a_language_tag_it_does_not_know(signed_in, coordinator, strategic):
    url = reverse("plans:edit", args=[strategic.partnership.slug, strategic.pk])
    form = signed_in(coordinator).get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["period_start_0"], data["period_start_1"], data["period_start_2"] = "1", "4", "2023"
    data["period_end_0"], data["period_end_1"], data["period_end_2"] = "31", "3", "2027"
    data["language_notice"] = "[xx] Something in a language"

    response = signed_in(coordinator).post(url, data)

    assert response.status_code == 200
    assert "[xx] is not a language code" in response.content.decode()


def structure_languages(pdf: PdfReader) -> Counter:
    """How many paragraphs (P) of the PDF's structure tree carry each language."""
    found: Counter = Counter()
    todo = [pdf.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if not isinstance(node, DictionaryObject):
            continue
        if node.get("/S") == "/P" and "/Lang" in node:
            found[str(node["/Lang"])] += 1
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            todo.extend(kids if isinstance(kids, ArrayObject) else [kids])
    return found


def test_the_pdf_tags_each_paragraph_in_another_language_with_it(client, partnership, strategic):
    strategic.language_notice = seed_002_notice()
    strategic.save()
    url = reverse("public:plan-document", args=[partnership.slug, "pdf"])
    pdf = PdfReader(io.BytesIO(client.get(url).content))

    assert structure_languages(pdf) == Counter({"ar": 2, "zh": 2, "pl": 2, "pa": 2})
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "如果你想得到以简体中文或其它格式制作的版本" in text
    assert "Rada miejska Hertsmere Borough Council" in text


def test_achievements_and_priorities_in_word_carry_their_paragraphs_languages(
    client, partnership, strategic
):
    from saferplan.plans.tests.factories import PriorityFactory
    from saferplan.public.models import Achievement

    PriorityFactory(
        plan=strategic,
        number=1,
        title="Tackle anti-social behaviour",
        description="Working with residents.\n\n[ro] Lucrăm împreună cu locuitorii.",
    )
    Achievement.objects.create(
        partnership=partnership,
        title="A café for the community",
        text="Opened in 2022.\n\nRada miejska otworzyła kawiarnię dla społeczności.",
    )
    url = reverse("public:plan-document", args=[partnership.slug, "docx"])
    word = docx.Document(io.BytesIO(client.get(url).content))

    languages = {
        p.text: p._p.find(".//" + qn("w:lang")).get(qn("w:val"))
        for p in word.paragraphs
        if p._p.find(".//" + qn("w:lang")) is not None
    }
    assert languages == {
        "Lucrăm împreună cu locuitorii.": "ro",
        "Rada miejska otworzyła kawiarnię dla społeczności.": "pl",
    }
    texts = [p.text for p in word.paragraphs]
    assert "Working with residents." in texts  # a paragraph of its own, not run together


@pytest.mark.parametrize("size", ["", "large"])
def test_every_character_of_seed_002s_notice_has_a_glyph_in_the_pdf(
    client, partnership, strategic, size
):
    """The Chinese and Punjabi used to print as empty boxes: each script needs a font that has
    it (installed by `make fonts`). Every glyph the PDF draws must exist in its font, in the
    standard and the large-print PDF, and the Arabic must read in its own (logical) order."""
    strategic.language_notice = seed_002_notice()
    strategic.save()
    url = reverse("public:plan-document", args=[partnership.slug, "pdf"])
    pdf = client.get(url, {"size": size} if size else {}).content

    drawn = fonts_drawn(pdf)
    assert {name: sorted(use.missing) for name, use in drawn.items() if use.missing} == {}
    names = {use.name for use in drawn.values()}
    assert any("Gurmukhi" in name for name in names), names  # Punjabi in a Gurmukhi font
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    for words in (
        "تهدف بلدية منطقة",  # "Hertsmere Borough Council aims", first to last
        "يرجى منحنا وقتاً كافياً لترجمة أي",  # "please allow us enough time to translate any"
        "ਜ਼ਿਥੇ ਵੀ ਹੋ ਸਕੇ",
        "请预留足够的时间",
    ):
        assert words in text


def test_the_glyph_check_finds_a_character_no_font_has():
    """The check above can fail: a character no installed font covers is reported."""
    from saferplan.core.documents.pdf import html_to_pdf

    drawn = fonts_drawn(
        html_to_pdf('<html lang="en"><body><p>Safer \ue000\u0378</p></body></html>')
    )

    assert [use.missing for use in drawn.values() if use.missing] == [{0}]  # both .notdef

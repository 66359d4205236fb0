"""The language of each paragraph (issue 24, deliverable 3): seed 002's notice, read as the
council printed it, and tags a writer gives."""

from pathlib import Path

from saferplan.core.languages import paragraphs, unknown_tags

SEED_002 = next((Path(__file__).parents[2] / "demo" / "seeds").glob("002_*.txt"))


def seed_002_notice() -> str:
    """Seed 002's "Large print and languages": three paragraphs in English, then two each in
    Arabic, Chinese, Polish and Punjabi (counted by hand in the seed)."""
    text = SEED_002.read_text(encoding="utf-8")
    start = text.index("Hertsmere Borough Council aims")
    return text[start : text.index("Hertsmere Borough Council\nCivic Offices")]


def test_each_paragraph_of_seed_002s_notice_has_its_language_and_direction():
    found = [(p.lang, p.dir) for p in paragraphs(seed_002_notice())]

    assert found == [
        ("", ""),
        ("", ""),
        ("", ""),
        ("ar", "rtl"),
        ("ar", "rtl"),
        ("zh", ""),
        ("zh", ""),
        ("pl", ""),
        ("pl", ""),
        ("pa", ""),
        ("pa", ""),
    ]


def test_a_paragraph_names_its_language_and_the_tag_is_not_shown():
    somali, urdu, english = paragraphs(
        "[so] Dukumeentigan waxaa lagu heli karaa luqado kale.\n\n"
        "[ur] یہ دستاویز دوسری زبانوں میں دستیاب ہے۔\n\n"
        "[en] This document is available in other languages."
    )

    assert (somali.lang, somali.dir, somali.text) == (
        "so",
        "",
        "Dukumeentigan waxaa lagu heli karaa luqado kale.",
    )
    assert (urdu.lang, urdu.dir, urdu.name) == ("ur", "rtl", "Urdu")
    assert (english.lang, str(english)) == ("", "This document is available in other languages.")


def test_urdu_and_welsh_are_told_apart_from_their_neighbours_without_a_tag():
    urdu, arabic, welsh = paragraphs(
        "یہ دستاویز دوسری زبانوں میں دستیاب ہے۔\n\n"
        "هذه الوثيقة متوفرة بلغات أخرى.\n\n"
        "Mae'r ddogfen hon ar gael yn Gymraeg."
    )

    assert [urdu.lang, arabic.lang, welsh.lang] == ["ur", "ar", "cy"]


def test_an_english_paragraph_with_a_name_in_another_script_stays_english():
    (paragraph,) = paragraphs("Contact our officer 王小明 on 020 8207 7445 or by email.")
    assert paragraph.lang == ""


def test_a_tag_that_names_no_language_is_found_for_the_form_to_refuse():
    assert unknown_tags("[xx] Something\n\n[pl] Coś\n\nAn ordinary [note] in a sentence.") == [
        "[xx]"
    ]

"""A consultation's words on its members' pages in the page's language (shown.py): its
questions and its about-you answers, the partnership's own words marked with their language."""

from django import template

from .. import shown

register = template.Library()


@register.filter
def question_text(question) -> str:
    """`{{ question|question_text }}`: "How relevant is priority 2: <span lang="en">…</span>?"
    on a Welsh page; a generated question ("What more could …") translated."""
    return shown.question_text(question)


@register.filter
def answer_choice(choice) -> str:
    """`{{ count.label|answer_choice }}`: an about-you answer, "Under 18" translated, an area
    the partnership typed marked with its language."""
    return shown.choice_html(str(choice))

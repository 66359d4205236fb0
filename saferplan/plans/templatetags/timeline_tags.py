"""An action's history on its page, built in Python: an action of a few years holds dozens
of updates and RAG changes, each with dates, links and translated sentences, and Django's
template engine drawing them was a third of the page's time (issue 27: pages built afresh).
What it draws is what plans/action_detail.html drew, sentence for sentence (the same
messages, so their Welsh is the same)."""

from django import template
from django.template.defaultfilters import filesizeformat, linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from saferplan.core.templatetags.saferplan import (
    marking_tag,
    own_words,
    own_words_in,
    own_words_lang,
    rag_tag,
)

from ..models import RagChange, Update
from ..selectors.actions import TimelineEntry

register = template.Library()


@register.simple_tag(takes_context=True)
def timeline_entry(context, entry: TimelineEntry) -> SafeString:
    """One line of the history (`selectors.action_timeline`), inside its <li>."""
    if entry.update is not None:
        return _update(
            entry.update,
            slug=context["partnership"].slug,
            action_pk=context["action"].pk,
            may_update=context.get("may_update", False),
            sees_sensitive=context.get("sees_sensitive", False),
        )
    return _rag_change(entry.rag_change)  # type: ignore[arg-type]  # one or the other


def _local(moment, form: str) -> str:
    """As the template's date filter shows a time: in the installation's time zone."""
    return date_format(timezone.localtime(moment) if timezone.is_aware(moment) else moment, form)


def _update(update: Update, *, slug: str, action_pk: int, may_update: bool, sees_sensitive):
    described = date_format(update.described_on, "j F Y")
    estimated = (
        format_html(
            ' <span class="govuk-body-s">{}</span>', _("(date estimated: the source gave none)")
        )
        if update.date_is_estimated
        else ""
    )
    notes = []
    if update.is_superseded:
        notes.append(format_html("{} ", _("Corrected by a later update.")))
    if update.supersedes:
        notes.append(
            format_html(
                "{} ",
                _("Correction of the update of %(described_on)s.")
                % {"described_on": date_format(update.supersedes.described_on, "j M Y")},
            )
        )
    created_at = _local(update.created_at, "j M Y, H:i")
    if update.author_name:
        notes.append(
            own_words_in(
                _("By %(author_name)s, added %(created_at)s"),
                plain={"created_at": created_at},
                author_name=update.author_name,
            )
        )
    else:
        notes.append(
            format_html(
                "{}",
                _("By %(author_name)s, added %(created_at)s")
                % {"author_name": _("unknown"), "created_at": created_at},
            )
        )
    if may_update and not update.is_superseded:
        for address, label, hidden in (
            ("plans:update-file-add", _("Attach a file"), _("to the update of %(described_on)s")),
            ("plans:update-correct", _("Correct"), _("the update of %(described_on)s")),
        ):
            args = (
                [slug, action_pk, update.pk]
                if address == "plans:update-file-add"
                else [slug, update.pk]
            )
            notes.append(
                format_html(
                    ' · <a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
                    reverse(address, args=args),
                    label,
                    hidden % {"described_on": described},
                )
            )
    return format_html(
        '<h3 class="govuk-heading-s govuk-!-margin-bottom-1"><time datetime="{}">{}</time>{} {}</h3>'
        '<p class="govuk-body{}"{}>{}</p>{}<p class="govuk-body-s">{}</p>',
        update.described_on.isoformat(),
        described,
        estimated,
        marking_tag(update.marking),
        " sp-superseded" if update.is_superseded else "",
        own_words_lang(update.text),
        linebreaksbr(update.text, autoescape=True),
        _files(update, slug=slug, action_pk=action_pk, sees_sensitive=sees_sensitive),
        format_html_join("", "{}", ((note,) for note in notes)),
    )


def _files(update: Update, *, slug: str, action_pk: int, sees_sensitive) -> SafeString | str:
    """The files attached to the update that the reader may see (prefetched)."""
    files = [f for f in update.attachments.all() if not f.is_sensitive or sees_sensitive]
    if not files:
        return ""
    return format_html(
        '<ul class="govuk-list govuk-body-s">{}</ul>',
        format_html_join(
            "",
            '<li>{} <a class="govuk-link" href="{}" download>{}</a> ({}){}</li>',
            (
                (
                    _("Attached:"),
                    reverse("plans:update-file", args=[slug, action_pk, update.pk, file.pk]),
                    own_words(file.name),
                    filesizeformat(file.size),
                    format_html(" {}", marking_tag(file.marking)) if file.is_sensitive else "",
                )
                for file in files
            ),
        ),
    )


def _rag_change(change: RagChange) -> SafeString:
    return format_html(
        '<h3 class="govuk-heading-s govuk-!-margin-bottom-1">{} {} {}</h3>'
        '<p class="govuk-body">{}</p><p class="govuk-body-s">{}</p>',
        _("RAG rating set to"),
        rag_tag(change.rating),
        marking_tag(change.marking),
        own_words_in(_("Reason: %(reason)s"), reason=change.reason),
        _("By %(changed_by_name)s, %(changed_at)s")
        % {
            "changed_by_name": change.changed_by_name or _("unknown"),
            "changed_at": _local(change.changed_at, "j M Y, H:i"),
        },
    )

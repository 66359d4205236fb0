"""The published plan as a Word document: the same sections as the page, in order."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.assessments.documents import published_summary_docx
from saferplan.core import contact_links
from saferplan.core.documents.word import WordDocument

from .selectors import PublishedPlan


def published_plan_docx(published: PublishedPlan, *, generated_on: datetime.date) -> bytes:
    partnership = published.partnership
    word = WordDocument(title=published.title, author=partnership.name, marking="")
    word.heading(published.title, 0, own=True)
    plan = published.plan
    if plan is not None:
        period = _("%(start)s to %(end)s") % {
            "start": date_format(plan.period_start, "F Y"),
            "end": date_format(plan.period_end, "F Y"),
        }
        produced = _("produced %(day)s") % {"day": date_format(generated_on, "j F Y")}
        word.paragraph(f"{partnership.name} · {period} · {produced}")
    for anchor, heading in published.sections:
        if anchor == "other-formats":
            continue  # the page's links to this very document
        word.heading(heading, 1)
        if anchor == "introduction" and plan is not None:
            word.written(plan.introduction)
        elif anchor in published.narrative or anchor == "partnership":
            section = published.narrative.get(anchor)
            if section is not None:
                word.written(section.text)
                photo = section.photo.read() if section.photo is not None else None
                if photo is not None:
                    word.picture(photo, alt_text=section.photo_alt, width_cm=3.5)
                if section.signatory:
                    word.paragraph(section.signatory_name, bold=True)
                    if section.signatory_role:
                        word.paragraph(section.signatory_role)
            if anchor == "partnership":
                _structure(word, published)
        elif anchor == "assessment" and published.assessment is not None:
            published_summary_docx(word, published.assessment)
        elif anchor == "aims":
            for aim in published.aims:
                word.paragraph(aim.text, style="List Number")
        elif anchor == "priorities":
            for priority in published.priorities:
                word.heading(
                    _("Priority %(number)s: %(title)s")
                    % {"number": priority.number, "title": priority.title},
                    2,
                )
                if priority.description:
                    word.written(priority.description)
                if priority.public_actions:
                    word.paragraph(_("What we will do") + ":", bold=True)
                    word.bullets([a.title for a in priority.public_actions])
                if priority.desired_outcomes:
                    word.paragraph(_("How we will measure success") + ":", bold=True)
                    word.written(priority.desired_outcomes)
                if aligned := list(priority.pcc_priorities.all()):
                    word.paragraph(
                        _("The Police and Crime Commissioner's priorities it serves") + ":",
                        bold=True,
                    )
                    word.bullets([p.title for p in aligned])
        elif anchor == "consultation" and published.consultation is not None:
            _consultation(word, published.consultation)
        elif anchor == "action-plans":
            for action_plan in published.action_plans:
                period = _("%(start)s to %(end)s") % {
                    "start": date_format(action_plan.period_start, "F Y"),
                    "end": date_format(action_plan.period_end, "F Y"),
                }
                word.paragraph(
                    f"{action_plan.title} ({period}): "
                    + _("on the partnership's published plan page.")
                )
        elif anchor == "achievements":
            for theme in published.achievement_themes:
                if theme.theme:
                    word.heading(theme.theme, 2, own=True)
                for achievement in theme.achievements:
                    word.heading(achievement.title, 3, own=True)
                    word.written(achievement.text)
        elif anchor == "asb-case-reviews":
            _asb_case_reviews(word, published)
        elif anchor == "death-reviews":
            _death_reviews(word, published)
        elif anchor == "glossary":
            for term, definition in published.glossary:
                paragraph = word.paragraph()
                word.run(paragraph, term, bold=True)
                word.run(paragraph, f" – {definition}")
        elif anchor == "contacts":
            for contact in published.contacts:
                word.heading(contact.name, 2, own=True)
                _contact(word, contact)
    return word.save()


def _contact(word: WordDocument, contact) -> None:
    """A contact's email, telephone numbers and website as links, as on the page."""
    if contact.email:
        line = word.paragraph(_("Email:") + " ", style="List Bullet")
        word.link(line, contact.email, f"mailto:{contact.email}")
    if contact.phone:
        line = word.paragraph(_("Telephone:") + " ", style="List Bullet")
        end = 0
        for found in contact_links.PHONE.finditer(contact.phone):
            word.run(line, contact.phone[end : found.start()])
            word.link(line, found.group(0), contact_links.tel_href(found.group(0)))
            end = found.end()
        word.run(line, contact.phone[end:])
    if contact.website:
        line = word.paragraph(_("Website:") + " ", style="List Bullet")
        href = contact_links.web_href(contact.website)
        if href:
            word.link(line, contact.website, href)
        else:
            word.run(line, contact.website)
    if contact.notes:
        word.bullets([contact.notes])


def _structure(word: WordDocument, published: PublishedPlan) -> None:
    """The partnership's groups (who reports to whom; not their purposes, typed for members)
    and its member organisations."""
    for group in published.groups:
        word.heading(
            group.name + (f" ({group.abbreviation})" if group.abbreviation else ""), 2, own=True
        )
        if group.reports_to is not None:
            word.paragraph(_("Reports to the %(name)s.") % {"name": group.reports_to.name})
    for kind, organisations in published.organisations_by_kind:
        word.heading(_("Member organisations: %(kind)s") % {"kind": kind}, 2)
        word.bullets([organisation.name for organisation in organisations])


def _consultation(word, consultation) -> None:
    """The consultation section as on the page: sentences, relevance table, theme counts,
    "You said, we did"."""
    results = consultation.results
    word.paragraph(consultation.consultation.title)
    for sentence in results.summary:
        word.paragraph(sentence)
    if consultation.entered_from:
        word.paragraph(
            _(
                "Entered by the partnership from %(source)s: this consultation was run outside "
                "saferplan, which does not hold its responses."
            )
            % {"source": consultation.entered_from}
        )
    if results.relevance:
        table = word.table(["", _("Relevant"), _("Answered")])
        for result in consultation.relevance_shown:
            word.row(
                table,
                [f"{result.label}: {result.subject}", result.relevant_text, result.answered_text],
            )
    for group in consultation.themes:
        word.heading(_("The themes of your comments"), 2)
        if group.question:
            word.paragraph(_("We asked: “%(question)s”") % {"question": group.question})
        if not group.counted:
            word.paragraph(_("The comments were grouped into these themes:"))
            word.bullets([name for name, _count in group.themes])
            continue
        table = word.table([_("Theme"), _("Comments")])
        for name, count in group.themes:
            word.row(table, [name, _("not given") if count is None else str(count)])
    if consultation.you_said:
        word.heading(_("You said, we did"), 2)
        for item in consultation.you_said:
            said = ngettext(
                "You said: %(name)s (%(count)s comment)",
                "You said: %(name)s (%(count)s comments)",
                item.count,
            )
            word.heading(said % {"name": item.theme.name, "count": item.count}, 3)
            for quote in item.quotes:
                word.paragraph(f"“{quote}”", style="Quote")
            if item.theme.we_did:
                paragraph = word.paragraph()
                word.run(paragraph, _("We did:") + " ", bold=True)
                word.run(paragraph, item.theme.we_did)
            if item.actions:
                word.bullets([a.title for a in item.actions])


def _asb_case_reviews(word: WordDocument, published: PublishedPlan) -> None:
    word.paragraph(
        _(
            "If you have reported anti-social behaviour and feel nothing has been done, you "
            "can ask the partnership to review the response: an ASB Case Review, also called "
            "the Community Trigger. The law asks us to publish these figures each year "
            "(Anti-social Behaviour, Crime and Policing Act 2014, section 104)."
        )
    )
    word.paragraph(_("ASB Case Reviews by financial year (April to March)"), bold=True)
    table = word.table(
        [
            _("Year"),
            _("Applications received"),
            _("Threshold for a review not met"),
            _("Reviews carried out"),
            _("Reviews that made recommendations"),
        ]
    )
    for figures in published.asb_figures:
        word.row(
            table,
            [
                figures.label,
                str(figures.applications),
                str(figures.threshold_not_met),
                str(figures.reviews),
                str(figures.with_recommendations),
            ],
        )
    for figures in published.asb_figures:
        for note in figures.notes:
            word.paragraph(f"{figures.label}: {note}")


def _death_reviews(word: WordDocument, published: PublishedPlan) -> None:
    word.paragraph(
        _(
            "When a person aged 16 or over dies and violence, abuse or neglect by a relative, "
            "a partner or someone in their household may have played a part, the partnership "
            "reviews what happened so that agencies learn from it: a Domestic Abuse Related "
            "Death Review (Domestic Violence, Crime and Victims Act 2004, section 9). Each "
            "report is published once the Home Office's quality assurance panel has approved "
            "it, with names changed."
        )
    )
    for review in published.death_reviews:
        word.heading(review.public_name, 2, own=True)
        published_on = _("Published %(day)s") % {"day": date_format(review.published_on, "j F Y")}
        word.paragraph(
            f"{published_on}. {review.report_url}" if review.report_url else published_on
        )
        if review.public_recommendations:
            table = word.table([_("Recommendation"), _("Progress")], widths=[3, 1])
            for recommendation in review.public_recommendations:
                word.row(table, [recommendation.text, _progress(recommendation)])


def _progress(recommendation) -> str:
    if recommendation.action is None:
        return _("Not tracked in the plan")
    return recommendation.action.get_status_display()

"""The published plan as a Word document: the same sections as the page, in order."""

import datetime

from saferplan.assessments.documents import published_summary_docx
from saferplan.core import contact_links
from saferplan.core.documents.word import WordDocument

from .selectors import PublishedPlan


def published_plan_docx(published: PublishedPlan, *, generated_on: datetime.date) -> bytes:
    partnership = published.partnership
    word = WordDocument(title=published.title, author=partnership.name, marking="")
    word.heading(published.title, 0)
    plan = published.plan
    if plan is not None:
        word.paragraph(
            f"{partnership.name} · {plan.period_start:%B %Y} to {plan.period_end:%B %Y} · "
            f"produced {generated_on:%-d %B %Y}"
        )
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
                word.heading(f"Priority {priority.number}: {priority.title}", 2)
                if priority.description:
                    word.written(priority.description)
                if priority.public_actions:
                    word.paragraph("What we will do:", bold=True)
                    word.bullets([a.title for a in priority.public_actions])
                if priority.desired_outcomes:
                    word.paragraph("How we will measure success:", bold=True)
                    word.written(priority.desired_outcomes)
        elif anchor == "consultation" and published.consultation is not None:
            _consultation(word, published.consultation)
        elif anchor == "action-plans":
            for action_plan in published.action_plans:
                word.paragraph(
                    f"{action_plan.title} ({action_plan.period_start:%B %Y} to "
                    f"{action_plan.period_end:%B %Y}): on the partnership's published plan page."
                )
        elif anchor == "achievements":
            for theme in published.achievement_themes:
                if theme.theme:
                    word.heading(theme.theme, 2)
                for achievement in theme.achievements:
                    word.heading(achievement.title, 3)
                    word.written(achievement.text)
        elif anchor == "glossary":
            for term, definition in published.glossary:
                paragraph = word.paragraph()
                word.run(paragraph, term, bold=True)
                word.run(paragraph, f" – {definition}")
        elif anchor == "contacts":
            for contact in published.contacts:
                word.heading(contact.name, 2)
                _contact(word, contact)
    return word.save()


def _contact(word: WordDocument, contact) -> None:
    """A contact's email, telephone numbers and website as links, as on the page."""
    if contact.email:
        line = word.paragraph("Email: ", style="List Bullet")
        word.link(line, contact.email, f"mailto:{contact.email}")
    if contact.phone:
        line = word.paragraph("Telephone: ", style="List Bullet")
        end = 0
        for found in contact_links.PHONE.finditer(contact.phone):
            word.run(line, contact.phone[end : found.start()])
            word.link(line, found.group(0), contact_links.tel_href(found.group(0)))
            end = found.end()
        word.run(line, contact.phone[end:])
    if contact.website:
        line = word.paragraph("Website: ", style="List Bullet")
        href = contact_links.web_href(contact.website)
        if href:
            word.link(line, contact.website, href)
        else:
            word.run(line, contact.website)
    if contact.notes:
        word.bullets([contact.notes])


def _structure(word: WordDocument, published: PublishedPlan) -> None:
    """The partnership's groups (who reports to whom, what each does) and its members."""
    for group in published.groups:
        word.heading(group.name + (f" ({group.abbreviation})" if group.abbreviation else ""), 2)
        if group.reports_to is not None:
            word.paragraph(f"Reports to the {group.reports_to.name}.")
        if group.purpose:
            word.written(group.purpose)
    for kind, organisations in published.organisations_by_kind:
        word.heading(f"Member organisations: {kind}", 2)
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
            f"Entered by the partnership from {consultation.entered_from}: this consultation "
            "was run outside saferplan, which does not hold its responses."
        )
    if results.relevance:
        table = word.table(["", "Relevant", "Answered"])
        for result in results.relevance:
            word.row(
                table,
                [f"{result.label}: {result.subject}", result.relevant_text, result.answered_text],
            )
    for group in consultation.themes:
        word.heading("The themes of your comments", 2)
        if group.question:
            word.paragraph(f"We asked: “{group.question}”")
        if not group.counted:
            word.paragraph("The comments were grouped into these themes:")
            word.bullets([name for name, _ in group.themes])
            continue
        table = word.table(["Theme", "Comments"])
        for name, count in group.themes:
            word.row(table, [name, "not given" if count is None else str(count)])
    if consultation.you_said:
        word.heading("You said, we did", 2)
        for item in consultation.you_said:
            plural = "" if item.count == 1 else "s"
            word.heading(f"You said: {item.theme.name} ({item.count} comment{plural})", 3)
            for quote in item.quotes:
                word.paragraph(f"“{quote}”", style="Quote")
            if item.theme.we_did:
                paragraph = word.paragraph()
                word.run(paragraph, "We did: ", bold=True)
                word.run(paragraph, item.theme.we_did)
            if item.actions:
                word.bullets([a.title for a in item.actions])

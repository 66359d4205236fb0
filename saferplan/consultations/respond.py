"""The public response form: no sign-in, one page per section, a check-answers page, then
the response is sent. Answers wait in the session until then, so a respondent can go back
and change them and nothing typed is lost when a page has an error.

Spam protection: a honeypot field on the check-answers page, and a limit on responses per
hour from one connection (settings.SAFERPLAN_CONSULTATION_RESPONSES_PER_HOUR)."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from saferplan.accounts.client_address import client_address
from saferplan.core import clock

from . import selectors, services, shown
from .forms import ContactForm, SectionForm, SendForm
from .models import Consultation, QuestionKind, Relevance, Section
from .permissions import consultation_policy

SESSION_KEY = "consultation-{pk}"
RELEVANCE_LABELS = dict(Relevance.choices)


def _consultation(request, slug, pk) -> Consultation:
    """The consultation at its public address: not found unless the public may read it
    (Consultation.objects.public); its partnership's members may look at it before then."""
    found = get_object_or_404(
        Consultation.objects.select_related("partnership", "plan"), pk=pk, partnership__slug=slug
    )
    if selectors.why_not_public(found) and not (
        consultation_policy.user_has_permission_for_instance(request.user, "view", found)
    ):
        raise Http404(_("No consultation is open at this address."))
    return found


def _sections(questions) -> list[str]:
    present = {q.section for q in questions}
    return [s.value for s in Section if s.value in present]


def _posted(request):
    """The POST data, even when empty: a page whose questions are all optional may be sent
    blank, and `request.POST or None` would treat that as not sent."""
    return request.POST if request.method == "POST" else None


def _stored(request, consultation) -> dict:
    return request.session.get(
        SESSION_KEY.format(pk=consultation.pk), {"answers": {}, "sections": [], "contact": {}}
    )


def _store(request, consultation, stored) -> None:
    request.session[SESSION_KEY.format(pk=consultation.pk)] = stored


def _context(consultation, **extra) -> dict:
    return {"consultation": consultation, "partnership": consultation.partnership, **extra}


def _closed_page(request, consultation):
    return render(
        request,
        "consultations/respond/start.html",
        _context(consultation, is_open=False),
        status=200,
    )


@require_GET
def start(request, slug, pk):
    consultation = _consultation(request, slug, pk)
    questions = selectors.questions_of(consultation)
    today = clock.today()
    return render(
        request,
        "consultations/respond/start.html",
        _context(
            consultation,
            is_open=consultation.is_open_on(today),
            not_yet=today < consultation.opens_on,
            first=_sections(questions)[0] if questions else None,
            question_count=len(questions),
        ),
    )


@require_GET
def privacy(request, slug, pk):
    return render(
        request, "consultations/respond/privacy.html", _context(_consultation(request, slug, pk))
    )


def section(request, slug, pk, section):
    consultation = _consultation(request, slug, pk)
    if not consultation.is_open_on(clock.today()):
        return _closed_page(request, consultation)
    questions = selectors.questions_of(consultation)
    sections = _sections(questions)
    if section not in sections:
        return redirect("consultations:respond-start", slug=slug, pk=pk)
    these = [q for q in questions if q.section == section]
    stored = _stored(request, consultation)
    form = SectionForm(
        _posted(request),
        questions=these,
        welsh=shown.plan_welsh(consultation, these),
        initial=SectionForm.initial_from(these, stored["answers"]),
    )
    if request.method == "POST" and form.is_valid():
        stored["answers"].update(form.answers())
        if section not in stored["sections"]:
            stored["sections"].append(section)
        _store(request, consultation, stored)
        following = sections[sections.index(section) + 1 :]
        if request.GET.get("change") or not following:
            target = (
                "consultations:respond-contact"
                if not request.GET.get("change")
                else "consultations:respond-check"
            )
            return redirect(target, slug=slug, pk=pk)
        return redirect("consultations:respond-section", slug=slug, pk=pk, section=following[0])
    index = sections.index(section)
    back = (
        reverse("consultations:respond-section", args=[slug, pk, sections[index - 1]])
        if index
        else reverse("consultations:respond-start", args=[slug, pk])
    )
    return render(
        request,
        "consultations/respond/section.html",
        _context(
            consultation,
            form=form,
            heading=Section(section).label,
            step=index + 1,
            steps=len(sections),
            back=back,
            section_label=Section(section).label,
        ),
    )


def contact(request, slug, pk):
    consultation = _consultation(request, slug, pk)
    if not consultation.is_open_on(clock.today()):
        return _closed_page(request, consultation)
    stored = _stored(request, consultation)
    form = ContactForm(_posted(request), initial=stored.get("contact", {}))
    if request.method == "POST" and form.is_valid():
        stored["contact"] = form.cleaned_data
        _store(request, consultation, stored)
        return redirect("consultations:respond-check", slug=slug, pk=pk)
    questions = selectors.questions_of(consultation)
    return render(
        request,
        "consultations/respond/contact.html",
        _context(
            consultation,
            form=form,
            back=reverse(
                "consultations:respond-section", args=[slug, pk, _sections(questions)[-1]]
            ),
        ),
    )


def _too_many(request, consultation) -> bool:
    """Count this client's responses in the last hour (its address read behind the trusted
    proxies); True when over the limit."""
    key = f"consultation-responses:{consultation.pk}:{client_address(request)}"
    limit = settings.SAFERPLAN_CONSULTATION_RESPONSES_PER_HOUR
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit


def check(request, slug, pk):
    consultation = _consultation(request, slug, pk)
    if not consultation.is_open_on(clock.today()):
        return _closed_page(request, consultation)
    questions = selectors.questions_of(consultation)
    sections = _sections(questions)
    stored = _stored(request, consultation)
    missing = [s for s in sections if s not in stored["sections"]]
    if missing:
        # Someone who skipped ahead (or whose session ended) answers the pages they missed.
        return redirect("consultations:respond-section", slug=slug, pk=pk, section=missing[0])
    form = SendForm(_posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A robot filled the honeypot: thank it and keep nothing.
            request.session.pop(SESSION_KEY.format(pk=pk), None)
            return redirect("consultations:respond-done", slug=slug, pk=pk)
        if _too_many(request, consultation):
            status = 429
            form.add_error(
                None,
                _(
                    "We have received a lot of responses from your connection in the last hour. "
                    "Your answers are kept: please try sending them again later."
                ),
            )
        else:
            by_pk = {str(q.pk): q for q in questions}
            services.response_submit(
                consultation=consultation,
                answers={by_pk[k]: v for k, v in stored["answers"].items() if k in by_pk},
                contact_name=stored.get("contact", {}).get("contact_name", ""),
                contact_email=stored.get("contact", {}).get("contact_email", ""),
            )
            request.session.pop(SESSION_KEY.format(pk=pk), None)
            return redirect("consultations:respond-done", slug=slug, pk=pk)
    rows = []
    welsh = shown.plan_welsh(consultation, questions)
    for name in sections:
        change = reverse("consultations:respond-section", args=[slug, pk, name]) + "?change=1"
        for question in (q for q in questions if q.section == name):
            value = stored["answers"].get(str(question.pk), "")
            if question.kind == QuestionKind.RELEVANCE:
                value = RELEVANCE_LABELS.get(value, value)
            elif question.kind == QuestionKind.CHOICE and value:
                value = shown.choice_label(value)
            rows.append(
                {
                    "question": question,
                    "text": shown.question_text(question, welsh),
                    "value": value,
                    "change": change,
                    "section": name,
                }
            )
    return render(
        request,
        "consultations/respond/check.html",
        _context(
            consultation,
            form=form,
            rows=rows,
            contact=stored.get("contact", {}),
            contact_change=reverse("consultations:respond-contact", args=[slug, pk]),
        ),
        status=status,
    )


@require_GET
def done(request, slug, pk):
    return render(
        request, "consultations/respond/done.html", _context(_consultation(request, slug, pk))
    )

"""A partnership's meetings: arranging one, its page (agenda, attendance, minutes and
decisions), and the forms that write them. Every member reads them; the coordinator writes
them; any member may put an item on an agenda."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.attachments import pages
from saferplan.core import clock
from saferplan.core.documents.downloads import attachment
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.partnerships.access import partnership_for

from . import documents, selectors, services
from .forms import AgendaItemForm, AttendanceForm, DecisionForm, MeetingForm, MinutesForm
from .models import AgendaItem, AgendaItemKind, Decision, Meeting
from .permissions import meeting_policy


def _meeting_for(request, slug, pk, action="view") -> Meeting:
    partnership = partnership_for(request, slug, "view")
    meeting = get_object_or_404(
        Meeting.objects.select_related("partnership", "group", "plan"),
        pk=pk,
        partnership=partnership,
    )
    if not meeting_policy.user_has_permission_for_instance(request.user, action, meeting):
        raise PermissionDenied(
            _("Only a coordinator of %(partnership)s can do this.") % {"partnership": partnership}
        )
    return meeting


def _to_meeting(meeting: Meeting):
    return redirect("meetings:detail", slug=meeting.partnership.slug, pk=meeting.pk)


def _form_page(request, meeting_or_partnership, form, *, heading, button, meeting=None):
    partnership = getattr(meeting_or_partnership, "partnership", meeting_or_partnership)
    return render(
        request,
        "meetings/form.html",
        {
            "partnership": partnership,
            "meeting": meeting,
            "form": form,
            "heading": heading,
            "button": button,
        },
    )


@login_required
@require_GET
def meeting_list(request, slug):
    partnership = partnership_for(request, slug, "view")
    today = clock.today()
    meetings = list(selectors.meetings_of(partnership=partnership))
    return render(
        request,
        "meetings/list.html",
        {
            "partnership": partnership,
            "coming": [m for m in meetings if m.meets_on >= today],
            "held": [m for m in reversed(meetings) if m.meets_on < today],
            "may_change": meeting_policy.may_arrange(request.user, partnership),
        },
    )


@login_required
def meeting_add(request, slug):
    partnership = partnership_for(request, slug, "view")
    if not meeting_policy.may_arrange(request.user, partnership):
        raise PermissionDenied(
            _("Only a coordinator of %(partnership)s can do this.") % {"partnership": partnership}
        )
    form = MeetingForm(request.POST or None, partnership=partnership)
    saved = save_form(
        request,
        form,
        lambda data: services.meeting_create(actor=request.user, partnership=partnership, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _("The meeting on %(day)s has been arranged.")
            % {"day": date_format(saved.meets_on, "j F Y")},
        )
        return _to_meeting(saved)
    return _form_page(
        request, partnership, form, heading=_("Arrange a meeting"), button=_("Save meeting")
    )


@login_required
@require_GET
def meeting_detail(request, slug, pk):
    meeting = _meeting_for(request, slug, pk)
    before, agreed = selectors.agreed_last_time(meeting)
    may_change = meeting_policy.user_has_permission_for_instance(request.user, "change", meeting)
    return render(
        request,
        "meetings/detail.html",
        {
            "partnership": meeting.partnership,
            "meeting": meeting,
            "agenda": meeting.agenda_items.prefetch_related("actions").select_related("added_by"),
            "attendance": meeting.attendance.select_related("organisation"),
            "papers": meeting.papers.all(),
            "quorum": selectors.quorum_of(meeting),
            "decisions": meeting.decisions.select_related(
                "action__priority__plan__partnership", "approves_plan"
            ),
            "before": before,
            "agreed": agreed,
            "may_change": may_change,
            "may_add_item": meeting_policy.user_has_permission_for_instance(
                request.user, "add_item", meeting
            ),
            "member_kind": AgendaItemKind.MEMBER,
        },
    )


@login_required
def meeting_edit(request, slug, pk):
    meeting = _meeting_for(request, slug, pk, "change")
    form = MeetingForm(
        request.POST or None,
        partnership=meeting.partnership,
        initial={f: getattr(meeting, f) for f in services.MEETING_FIELDS},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.meeting_update(actor=request.user, meeting=meeting, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The meeting has been updated."))
        return _to_meeting(saved)
    return _form_page(
        request,
        meeting,
        form,
        heading=_("Change the meeting"),
        button=_("Save meeting"),
        meeting=meeting,
    )


@login_required
def meeting_delete(request, slug, pk):
    meeting = _meeting_for(request, slug, pk, "change")
    error = None
    if request.method == "POST":
        try:
            services.meeting_delete(actor=request.user, meeting=meeting)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(
                request,
                _("The meeting on %(day)s has been deleted.")
                % {"day": date_format(meeting.meets_on, "j F Y")},
            )
            return redirect("meetings:list", slug=slug)
    return render(
        request,
        "meetings/delete.html",
        {"partnership": meeting.partnership, "meeting": meeting, "error": error},
    )


@login_required
def attendance(request, slug, pk):
    meeting = _meeting_for(request, slug, pk, "change")
    organisations = (
        meeting.group.member_organisations.all()
        if meeting.group
        else meeting.partnership.organisations.all()
    )
    form = AttendanceForm(
        request.POST or None,
        organisations=organisations.order_by("name"),
        attendance=meeting.attendance.all(),
    )
    saved = save_form(
        request,
        form,
        lambda data: (
            services.attendance_record(actor=request.user, meeting=meeting, rows=form.rows())
            or meeting
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("Attendance has been recorded."))
        return _to_meeting(meeting)
    return render(
        request,
        "meetings/attendance.html",
        {"partnership": meeting.partnership, "meeting": meeting, "form": form},
    )


@login_required
@require_POST
def agenda_draft(request, slug, pk):
    meeting = _meeting_for(request, slug, pk, "change")
    items = services.agenda_draft(actor=request.user, meeting=meeting, today=clock.today())
    messages.success(
        request,
        _("The agenda has been drafted from the plan: %(count)s items.") % {"count": len(items)},
    )
    return _to_meeting(meeting)


@login_required
def agenda_item_add(request, slug, pk):
    meeting = _meeting_for(request, slug, pk, "add_item")
    form = AgendaItemForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.agenda_item_add(actor=request.user, meeting=meeting, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The item has been added to the agenda."))
        return _to_meeting(meeting)
    return _form_page(
        request,
        meeting,
        form,
        heading=_("Add an item to the agenda"),
        button=_("Add item"),
        meeting=meeting,
    )


@login_required
@require_POST
def agenda_item_delete(request, slug, pk, item_pk):
    meeting = _meeting_for(request, slug, pk, "change")
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    services.agenda_item_delete(actor=request.user, item=item)
    messages.success(request, _("The item has been taken off the agenda."))
    return _to_meeting(meeting)


@login_required
def minutes(request, slug, pk):
    meeting = _meeting_for(request, slug, pk, "change")
    form = MinutesForm(
        request.POST or None,
        initial={"minutes": meeting.minutes, "minutes_marking": meeting.minutes_marking},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.minutes_record(actor=request.user, meeting=meeting, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The notes of the discussion have been saved."))
        return _to_meeting(meeting)
    return _form_page(
        request,
        meeting,
        form,
        heading=_("Notes of the discussion"),
        button=_("Save notes"),
        meeting=meeting,
    )


@login_required
def decision_add(request, slug, pk):
    meeting = _meeting_for(request, slug, pk, "change")
    form = DecisionForm(request.POST or None, meeting=meeting)
    saved = save_form(
        request,
        form,
        lambda data: services.decision_add(actor=request.user, meeting=meeting, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _("The decision has been recorded and its action added to the plan.")
            if saved.action_id
            else _("The decision has been recorded."),
        )
        return _to_meeting(meeting)
    return render(
        request,
        "meetings/decision_form.html",
        {"partnership": meeting.partnership, "meeting": meeting, "form": form},
    )


@login_required
@require_POST
def decision_delete(request, slug, pk, decision_pk):
    meeting = _meeting_for(request, slug, pk, "change")
    decision = get_object_or_404(Decision, pk=decision_pk, meeting=meeting)
    services.decision_delete(actor=request.user, decision=decision)
    messages.success(request, _("The decision has been deleted."))
    return _to_meeting(meeting)


@login_required
@require_GET
def papers(request, slug, pk, papers, kind):
    """The meeting's pack (agenda and papers) or minutes, as Word or PDF: for its members."""
    meeting = _meeting_for(request, slug, pk)
    if papers not in documents.KINDS or kind not in ("docx", "pdf"):
        raise Http404
    made = documents.pack(meeting) if papers == "pack" else documents.minutes(meeting)
    content = (
        documents.word(made, author=meeting.partnership.name)
        if kind == "docx"
        else documents.pdf(made, partnership=meeting.partnership)
    )
    return attachment(content, kind=kind, partnership=meeting.partnership, title=made.title)


@login_required
def paper_add(request, slug, pk):
    meeting = _meeting_for(request, slug, pk, "change")
    return pages.add_page(
        request,
        attach=lambda **file: services.paper_attach(actor=request.user, meeting=meeting, **file),
        added=lambda kept: (
            _("%(name)s has been added to the meeting's papers.") % {"name": kept.name}
        ),
        done=_to_meeting(meeting),
        template="meetings/paper_form.html",
        context={"partnership": meeting.partnership, "meeting": meeting},
    )


@login_required
@require_GET  # a file is read, never written, here
def paper_file(request, slug, pk, attachment_pk):
    # The meeting is its partnership's members' (OFFICIAL-SENSITIVE papers included).
    meeting = _meeting_for(request, slug, pk)
    return pages.file_of(meeting.papers, attachment_pk)


@login_required
@require_POST
def paper_delete(request, slug, pk, attachment_pk):
    meeting = _meeting_for(request, slug, pk, "change")
    return pages.take_off_page(
        request,
        files=meeting.papers,
        attachment_pk=attachment_pk,
        take_off=lambda paper: services.paper_remove(
            actor=request.user, meeting=meeting, paper=paper
        ),
        removed=_("%(name)s has been removed from the papers."),
        done=_to_meeting(meeting),
    )

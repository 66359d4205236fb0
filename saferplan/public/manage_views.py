"""The coordinator's pages that keep the published plan: its achievements, glossary and
contacts, which sections it shows and in what order, and its Welsh."""

import copy
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from saferplan.core.forms import NOT_SAVED, save_form
from saferplan.core.permissions import PermissionPolicy
from saferplan.core.templatetags.saferplan import own_words_in
from saferplan.partnerships.access import partnership_for
from saferplan.partnerships.models import Partnership
from saferplan.plans.models import PlanKind

from . import selectors, services
from .forms import AchievementForm, ContactForm, GlossaryTermForm, SectionsForm, WelshForm
from .models import Achievement, Contact, GlossaryTerm, PublishedLayout
from .permissions import (
    achievement_policy,
    contact_policy,
    glossary_term_policy,
    published_layout_policy,
)


@dataclass(frozen=True)
class Section:
    """One of the published plan's own sections, as the coordinator's pages handle it."""

    model: type[models.Model]
    form: type[forms.ModelForm]
    policy: PermissionPolicy
    heading: str
    # Whole sentences for each section (not "Add " + a noun: Welsh changes the words with it)
    add: str
    change: str
    added: str
    changed: str
    delete_question: str  # %(item)s
    delete_button: str
    deleted: str  # %(item)s


SECTIONS = {
    "achievements": Section(
        Achievement,
        AchievementForm,
        achievement_policy,
        heading=_("Partnership achievements"),
        add=_("Add an achievement"),
        change=_("Change the achievement"),
        added=_("The achievement has been added."),
        changed=_("The achievement has been changed."),
        delete_question=_("Delete the achievement “%(item)s”?"),
        delete_button=_("Delete achievement"),
        deleted=_("The achievement “%(item)s” has been deleted."),
    ),
    "glossary": Section(
        GlossaryTerm,
        GlossaryTermForm,
        glossary_term_policy,
        heading=_("Crime glossary"),
        add=_("Add a glossary term"),
        change=_("Change the glossary term"),
        added=_("The glossary term has been added."),
        changed=_("The glossary term has been changed."),
        delete_question=_("Delete the glossary term “%(item)s”?"),
        delete_button=_("Delete glossary term"),
        deleted=_("The glossary term “%(item)s” has been deleted."),
    ),
    "contacts": Section(
        Contact,
        ContactForm,
        contact_policy,
        heading=_("Useful contact details"),
        add=_("Add a contact"),
        change=_("Change the contact"),
        added=_("The contact has been added."),
        changed=_("The contact has been changed."),
        delete_question=_("Delete the contact “%(item)s”?"),
        delete_button=_("Delete contact"),
        deleted=_("The contact “%(item)s” has been deleted."),
    ),
}


def _coordinator_of(request, slug, section: Section) -> Partnership:
    """The partnership, if the user may change this section of its published plan."""
    partnership = partnership_for(request, slug, "view")
    if not section.policy.user_has_permission_for_instance(
        request.user, "change", section.model(partnership=partnership)
    ):
        raise PermissionDenied(
            own_words_in(
                _("Only a coordinator of %(partnership)s can do this."),
                partnership=partnership.name,
            )
        )
    return partnership


@login_required
def manage(request, slug):
    partnership = partnership_for(request, slug, "manage")
    published = selectors.published_plan(partnership=partnership)
    return render(
        request,
        "public/manage.html",
        {
            "partnership": partnership,
            "published": published,
            "achievements": Achievement.objects.filter(partnership=partnership),
            "glossary_terms": GlossaryTerm.objects.filter(partnership=partnership),
            "contacts": Contact.objects.filter(partnership=partnership),
            "has_published_plan": published.plan is not None or bool(published.action_plans),
            "welsh_url": _welsh_address(partnership),
            "strategic_kind": PlanKind.STRATEGIC,
        },
    )


@login_required
def item_add(request, slug, section):
    chosen = SECTIONS[section]  # the URL converter admits only these names
    partnership = _coordinator_of(request, slug, chosen)
    form = chosen.form(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.published_item_create(
            actor=request.user, partnership=partnership, model=chosen.model, **data
        ),
    )
    if saved is not NOT_SAVED:
        messages.success(request, chosen.added)
        return redirect(f"{_manage_url(slug)}#{section}")
    return _form_page(request, partnership, chosen, form, chosen.add, _("Add"))


@login_required
def item_edit(request, slug, section, pk):
    chosen = SECTIONS[section]  # the URL converter admits only these names
    partnership = _coordinator_of(request, slug, chosen)
    item = get_object_or_404(chosen.model, pk=pk, partnership=partnership)
    # A copy: a ModelForm writes to its instance while validating, and the service must see
    # the item as it was to audit what changed.
    form = chosen.form(request.POST or None, instance=copy.copy(item))
    fields = list(chosen.form._meta.fields or [])
    saved = save_form(
        request,
        form,
        lambda data: services.published_item_update(
            actor=request.user, item=item, **{f: data[f] for f in fields}
        ),
    )
    if saved is not NOT_SAVED:
        messages.success(request, chosen.changed)
        return redirect(f"{_manage_url(slug)}#{section}")
    return _form_page(request, partnership, chosen, form, chosen.change, _("Save"))


@login_required
def item_delete(request, slug, section, pk):
    chosen = SECTIONS[section]  # the URL converter admits only these names
    partnership = _coordinator_of(request, slug, chosen)
    item = get_object_or_404(chosen.model, pk=pk, partnership=partnership)
    if request.method == "POST":
        services.published_item_delete(actor=request.user, item=item)
        messages.success(request, own_words_in(chosen.deleted, item=str(item)))
        return redirect(f"{_manage_url(slug)}#{section}")
    return render(
        request,
        "public/item_delete.html",
        {
            "partnership": partnership,
            "section": chosen,
            "section_name": section,
            "item": item,
            "question": own_words_in(chosen.delete_question, item=str(item)),
        },
    )


@login_required
@require_POST
def glossary_adopt(request, slug):
    partnership = _coordinator_of(request, slug, SECTIONS["glossary"])
    services.glossary_adopt_default(actor=request.user, partnership=partnership)
    messages.success(
        request, _("The glossary is now your partnership's own: change it as you need.")
    )
    return redirect(f"{_manage_url(slug)}#glossary")


def _manage_url(slug: str) -> str:
    return reverse("public:manage", args=[slug])


def _form_page(request, partnership, section: Section, form, heading: str, button: str):
    return render(
        request,
        "public/item_form.html",
        {
            "partnership": partnership,
            "section": section,
            "form": form,
            "heading": heading,
            "button": button,
        },
    )


def _layout_coordinator_of(request, slug) -> Partnership:
    """The partnership, if the user may choose its published plan's sections and Welsh."""
    partnership = partnership_for(request, slug, "view")
    if not published_layout_policy.user_has_permission_for_instance(
        request.user, "change", PublishedLayout(partnership=partnership)
    ):
        raise PermissionDenied(
            own_words_in(
                _("Only a coordinator of %(partnership)s can do this."),
                partnership=partnership.name,
            )
        )
    return partnership


@login_required
def sections(request, slug):
    """The coordinator chooses which sections the published plan shows, and their order."""
    partnership = _layout_coordinator_of(request, slug)
    published = selectors.published_plan(partnership=partnership)
    form = SectionsForm(
        request.POST or None,
        arranged=published.arranged,
        hidden=published.hidden,
        always_shown=selectors.ALWAYS_SHOWN,
    )
    saved = save_form(
        request,
        form,
        lambda data: services.published_layout_set(
            actor=request.user,
            partnership=partnership,
            order=data["order"],
            hidden=data["hidden"],
            headings=_english_headings(partnership, published),
        ),
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("The published plan's sections have been saved."))
        return redirect("public:manage", slug=partnership.slug)
    return render(request, "public/sections.html", {"partnership": partnership, "form": form})


def _english_headings(partnership, published) -> dict[str, str]:
    """Each section's heading in English, for the audit log whatever the page's language."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return dict(published.arranged)
    with translation.override(settings.LANGUAGE_CODE):
        return dict(selectors.published_plan(partnership=partnership).arranged)


def _welsh_address(partnership) -> str:
    with translation.override("cy"):
        return reverse("public:plan", args=[partnership.slug])


@login_required
def welsh_texts(request, slug):
    """The coordinator writes the published plan's Welsh, text by text beside its English."""
    partnership = _layout_coordinator_of(request, slug)
    sources = selectors.welsh_sources(partnership=partnership)
    layout = PublishedLayout.objects.filter(partnership=partnership).first()
    form = WelshForm(
        request.POST or None,
        sources=sources,
        welsh=selectors.welsh_texts(partnership=partnership),
        initial={"in_welsh": bool(layout and layout.in_welsh)},
    )
    # The audit log names each text in English, whatever the page's language.
    with translation.override(settings.LANGUAGE_CODE):
        labels = {source.key: str(source.label) for source in sources}
    saved = save_form(
        request,
        form,
        lambda data: services.welsh_texts_set(
            actor=request.user,
            partnership=partnership,
            in_welsh=data["in_welsh"],
            texts=form.texts(),
            labels=labels,
            english={source.key: source.english for source in sources},
        ),
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("The published plan's Welsh has been saved."))
        return redirect("public:manage", slug=partnership.slug)
    return render(request, "public/welsh.html", {"partnership": partnership, "form": form})

"""What the register adds to pages of the apps below it (connected in DutiesConfig.ready)."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.core import clock
from saferplan.partnerships.selectors import OverviewLine, OverviewRow

from .due import duties_of
from .models import CaseReview, DeathReview
from .permissions import case_reviews_policy, death_reviews_policy, duties_policy


def on_overview_drawn(sender, *, partnership, user, **kwargs) -> list[OverviewRow]:
    """The partnership's overview names each restricted register to those who run it, with
    what waits on them."""
    return [
        *_duties_row(partnership, user),
        *_case_reviews_row(partnership, user),
        *_death_reviews_row(partnership, user),
    ]


def _duties_row(partnership, user) -> list[OverviewRow]:
    if not duties_policy.user_has_permission_for_instance(user, "view", partnership):
        return []
    waiting = sum(len(d.waiting) for d in duties_of(partnership, user, today=clock.today()))
    text = (
        ngettext("%(count)s thing to do", "%(count)s things to do", waiting) % {"count": waiting}
        if waiting
        else _("Nothing waiting")
    )
    href = reverse("duties:duties", args=[partnership.slug])
    return [OverviewRow(order=39, key=_("Statutory duties"), lines=[OverviewLine(text, href=href)])]


def _death_reviews_row(partnership, user) -> list[OverviewRow]:
    if not death_reviews_policy.user_has_permission_for_instance(user, "view", partnership):
        return []
    reviews = DeathReview.objects.filter(partnership=partnership)
    undecided = reviews.filter(commissioned__isnull=True).count()
    under_way = reviews.filter(commissioned=True, published_on__isnull=True).count()
    lines = []
    if undecided:
        lines.append(
            ngettext(
                "%(count)s notification waits for a decision",
                "%(count)s notifications wait for a decision",
                undecided,
            )
            % {"count": undecided}
        )
    if under_way:
        lines.append(
            ngettext("%(count)s review under way", "%(count)s reviews under way", under_way)
            % {"count": under_way}
        )
    href = reverse("duties:death-register", args=[partnership.slug])
    return [
        OverviewRow(
            order=41,
            key=_("Domestic Abuse Related Death Reviews"),
            lines=[OverviewLine(text, href=href) for text in lines or [_("Nothing waiting")]],
        )
    ]


def _case_reviews_row(partnership, user) -> list[OverviewRow]:
    if not case_reviews_policy.user_has_permission_for_instance(user, "view", partnership):
        return []
    cases = CaseReview.objects.filter(partnership=partnership)
    undecided = cases.filter(threshold_met__isnull=True).count()
    to_review = cases.filter(threshold_met=True, review_held_on__isnull=True).count()
    if undecided or to_review:
        text = ngettext(
            "%(count)s application waits for a decision or a review",
            "%(count)s applications wait for a decision or a review",
            undecided + to_review,
        ) % {"count": undecided + to_review}
    else:
        text = _("Nothing waiting")
    line = OverviewLine(text, href=reverse("duties:register", args=[partnership.slug]))
    return [OverviewRow(order=40, key=_("ASB Case Reviews"), lines=[line])]


def on_membership_deleted(sender, instance, **kwargs) -> None:
    """A member who leaves the partnership is taken off its restricted registers' lists, so
    being added back (in any role) does not give the register back."""
    from saferplan.core import audit
    from saferplan.core.models import AuditEvent

    from .models import RegisterAccess

    for access in RegisterAccess.objects.filter(
        partnership_id=instance.partnership_id, user_id=instance.user_id
    ):
        audit.log(
            instance=access,
            action=AuditEvent.Action.DELETE,
            actor=None,
            partnership=access.partnership,
            changes=audit.diff(audit.snapshot(access, ["register", "user"]), {}),
            reason="They left the partnership",
        )
        access.delete()


def on_action_changing(sender, *, action, fields, **kwargs) -> None:
    """An action that tracks an ASB Case Review's or a Domestic Abuse Related Death Review's
    recommendation stays OFFICIAL-SENSITIVE and the partnership's own: its marking is not
    lowered and it is not shared with another partnership (what the public may read of a
    published review's recommendations is the recommendation and the action's status)."""
    from saferplan.core.models import Marking

    tracks_a_review = (
        action.case_review_recommendations.exists() or action.death_review_recommendations.exists()
    )
    if not tracks_a_review:
        return
    if fields.get("marking", Marking.OFFICIAL_SENSITIVE) != Marking.OFFICIAL_SENSITIVE:
        raise ValidationError(
            {
                "marking": _(
                    "This action tracks a statutory review's recommendation: it stays OFFICIAL-SENSITIVE"
                )
            }
        )
    priority = fields.get("priority")
    if priority is not None and priority.plan.partnership_id != action.priority.plan.partnership_id:
        raise ValidationError(
            {
                "priority": _(
                    "This action tracks a statutory review's recommendation: it stays in the partnership's plans"
                )
            }
        )
    if fields.get("joint_partnerships"):
        raise ValidationError(
            {
                "joint_partnerships": _(
                    "This action tracks a statutory review's recommendation: it is not shared"
                )
            }
        )


def on_plan_refreshed(sender, *, plan, new_plan, actor, **kwargs) -> None:
    """Next year's plan carries last year's open actions over as copies: a recommendation
    tracked by one of them follows it to the copy, so its progress (and the guard on its
    marking) stays with the action people now work on. Audited."""
    from saferplan.core import audit
    from saferplan.core.models import AuditEvent
    from saferplan.plans.models import Action

    from .models import CaseReviewRecommendation, DeathReviewRecommendation

    copies = {
        a.carried_from_id: a
        for a in Action.objects.filter(priority__plan=new_plan, carried_from__isnull=False)
    }
    for model in (CaseReviewRecommendation, DeathReviewRecommendation):
        for recommendation in model.objects.filter(
            action__priority__plan=plan, action_id__in=list(copies)
        ).select_related("action"):
            copy = copies[recommendation.action_id]
            audit.log(
                instance=recommendation,
                action=AuditEvent.Action.UPDATE,
                actor=actor,
                partnership=plan.partnership,
                changes={"action": [str(recommendation.action_id), str(copy.pk)]},
                reason=f"Carried over to {new_plan.title}",
            )
            recommendation.action = copy
            recommendation.save(update_fields=["action"])

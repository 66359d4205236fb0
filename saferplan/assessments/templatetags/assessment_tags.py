from django import template

from saferplan.assessments.selectors import evidence_of, review_of

register = template.Library()


# A priority's page shows the assessment it was set from: the assessments app puts it there
# through this tag, so that plans (which assessments build on) never imports it.
@register.inclusion_tag("assessments/_priority_evidence.html", takes_context=True)
def priority_evidence(context, priority):
    evidence, findings = evidence_of(priority=priority, user=context["request"].user)
    return {"evidence": evidence, "findings": findings, "priority": priority}


# The plan's refresh shows last year's review the same way.
@register.inclusion_tag("assessments/_plan_review.html", takes_context=True)
def plan_review(context, plan):
    return {"review": review_of(plan=plan, user=context["request"].user), "level": 2}

from django import template

from saferplan.assessments.selectors import evidence_of

register = template.Library()


# A priority's page shows the assessment it was set from: the assessments app puts it there
# through this tag, so that plans (which assessments build on) never imports it.
@register.inclusion_tag("assessments/_priority_evidence.html", takes_context=True)
def priority_evidence(context, priority):
    evidence, findings = evidence_of(priority=priority, user=context["request"].user)
    return {"evidence": evidence, "findings": findings, "priority": priority}

from django import template

from saferplan.crimedata.caveats import CAVEATS, LICENCE

register = template.Library()


@register.inclusion_tag("crimedata/_caveat_list.html")
def police_uk_caveats():
    return {"caveats": CAVEATS, "licence": LICENCE}

from decimal import Decimal

from django import template

from ..selectors import money

register = template.Library()


@register.filter
def pounds(amount) -> str:
    """£12,500.00 (funding.selectors.money); empty for nothing recorded."""
    if amount is None or amount == "":
        return ""
    return money(Decimal(amount))

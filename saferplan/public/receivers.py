"""The published plan's answers to what other apps announce."""

from .contacts_text import read_contacts
from .models import Contact
from .services import published_item_create


def on_plan_imported(sender, *, plan, actor, contacts: str, **kwargs) -> None:
    """A plan document's contact details become the published plan's, as a coordinator
    would type them, when the partnership has none yet (those it has are never replaced)."""
    partnership = plan.partnership
    if not contacts or Contact.objects.filter(partnership=partnership).exists():
        return
    for position, contact in enumerate(read_contacts(contacts), start=1):
        published_item_create(
            actor=actor,
            partnership=partnership,
            model=Contact,
            name=contact.name,
            email=contact.email[:254],
            phone="; ".join(contact.phone)[:200],
            website=contact.website[:200],
            notes="\n".join(contact.notes),
            position=position,
        )

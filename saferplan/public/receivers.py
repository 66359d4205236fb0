"""The published plan's answers to what other apps announce."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .contacts_text import read_contacts
from .models import Contact
from .selectors import published_plans
from .services import published_item_create

# More than this many "contacts" in one document is a misreading, not a contacts page.
MOST_CONTACTS = 60


def on_plan_imported(sender, *, plan, actor, contacts: str, **kwargs) -> None:
    """A plan document's contact details become the published plan's, as a coordinator
    would type them, while the partnership has none yet and nothing published: an imported
    draft never changes a page the public reads (those it has are never replaced)."""
    partnership = plan.partnership
    if (
        not contacts
        or Contact.objects.filter(partnership=partnership).exists()
        or published_plans(partnership=partnership).exists()
    ):
        return
    found = read_contacts(contacts)
    if len(found) > MOST_CONTACTS:
        return
    for position, contact in enumerate(found, start=1):
        email, notes = contact.email[:254], list(contact.notes)
        try:
            validate_email(email) if email else None
        except ValidationError:
            # Not an address Django accepts (herts_help.net): kept where a person will see it.
            email, notes = "", [*notes, contact.email]
        published_item_create(
            actor=actor,
            partnership=partnership,
            model=Contact,
            name=contact.name,
            email=email,
            phone="; ".join(contact.phone)[:200],
            website=contact.website[:200],
            notes="\n".join(notes),
            position=position,
        )

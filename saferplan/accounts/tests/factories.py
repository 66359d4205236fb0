import factory
from factory.django import DjangoModelFactory

from saferplan.accounts.models import Membership, Role, User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    job_title = factory.Faker("job", locale="en_GB")
    password = factory.django.Password("correct-horse-battery")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory("saferplan.partnerships.tests.factories.PartnershipFactory")
    role = Role.EDITOR

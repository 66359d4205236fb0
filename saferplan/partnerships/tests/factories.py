import factory
from factory.django import DjangoModelFactory

from saferplan.partnerships.models import (
    Group,
    GroupKind,
    Organisation,
    OrganisationKind,
    Partnership,
    PoliceForce,
)


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Borough {n} Community Safety Partnership")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    police_force = PoliceForce.HERTFORDSHIRE
    districts = factory.LazyAttribute(
        lambda p: [p.name.removesuffix(" Community Safety Partnership")]
    )


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.VOLUNTARY_SECTOR

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create and extracted:
            self.partnerships.set(extracted)


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Working group {n}")
    kind = GroupKind.SUB_GROUP

import datetime

import factory
from factory.django import DjangoModelFactory

from saferplan.partnerships.tests.factories import PartnershipFactory
from saferplan.plans.models import (
    Action,
    ActionStatusChange,
    Objective,
    Plan,
    PlanKind,
    Priority,
    RagChange,
    Update,
)


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)
    kind = PlanKind.ACTION
    title = factory.Sequence(lambda n: f"Community Safety Action Plan {2019 + n}")
    period_start = datetime.date(2019, 4, 1)
    period_end = datetime.date(2020, 3, 31)


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n + 1}")


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    priority = factory.SubFactory(PriorityFactory)
    ref = factory.Sequence(lambda n: f"1.{n + 1}")
    title = factory.Faker("sentence", locale="en_GB")


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    priority = factory.SubFactory(PriorityFactory)
    title = factory.Faker("sentence", locale="en_GB")
    status = "in_progress"

    @factory.post_generation
    def owner_organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.owner_organisations.set(extracted)

    @factory.post_generation
    def joint_partnerships(self, create, extracted, **kwargs):
        if create and extracted:
            self.joint_partnerships.set(extracted)

    @factory.post_generation
    def status_history(self, create, extracted, **kwargs):
        """The status it is made with begins its history, as plans' action_create does."""
        if create:
            ActionStatusChange.objects.create(action=self, status=self.status)


class UpdateFactory(DjangoModelFactory):
    class Meta:
        model = Update

    action = factory.SubFactory(ActionFactory)
    described_on = datetime.date(2019, 6, 13)
    text = factory.Faker("paragraph", locale="en_GB")


class RagChangeFactory(DjangoModelFactory):
    class Meta:
        model = RagChange

    action = factory.SubFactory(ActionFactory)
    rating = "green"
    reason = "On track"

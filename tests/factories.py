import factory
from django.utils import timezone

from organisations.models import ManagementGroup, Organisation, Person, RoleAssignment, Unit

TEST_PASSWORD = "test-Adgangskode-42"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Enhed {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.test")
    name = factory.Sequence(lambda n: f"Person {n}")
    # As if listed by the HR system; people typed in by hand are made by the services.
    vouched_at = factory.LazyFunction(timezone.now)
    vouched_via = "import"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        # Fast hashing in tests is set in conftest; the real hasher is tested on its own.
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            RoleAssignment.objects.bulk_create(
                RoleAssignment(person=self, role=role) for role in extracted
            )


class ManagementGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManagementGroup

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Ledergruppe {n}")


def plan_open_to_raters(world, count: int, prefix: str = "rater", **fields):
    """A new plan whose leaders rate the themes, opened after `count` more leaders were
    made: the raters are fixed when the rating opens. Returns the plan and them."""
    from organisations.models import Role
    from plans import services
    from plans.models import RatingMode

    raters = [
        PersonFactory(
            organisation=world.organisation,
            email=f"{prefix}{n}@test.example",
            roles=[Role.LEADER_OF_EMPLOYEES],
        )
        for n in range(count)
    ]
    plan = services.plan_create(
        organisation=world.organisation,
        by=world.hr,
        team=[world.top],
        **{
            "title": "Ny plan",
            "unit": None,
            "rating_mode": RatingMode.LEADERS,
            "anonymity_k": 5,
            **fields,
        },
    )
    services.plan_rating_open(plan=plan)
    return plan, raters

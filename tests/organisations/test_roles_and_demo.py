from django.core.management import call_command

from organisations.demo import DEMO_PASSWORD
from organisations.models import ManagementGroup, Organisation, Person, Role


def test_leader_of_leaders_follows_from_the_reporting_lines(world):
    assert Role.LEADER_OF_LEADERS in world.chef.roles
    assert Role.LEADER_OF_LEADERS not in world.leader.roles
    # The top manager has chef reporting, and chef leads leaders.
    assert Role.LEADER_OF_LEADERS in world.top.roles


def test_the_demo_loads_twice_without_changes(db):
    call_command("load_demo", verbosity=0)
    counts = (Person.objects.count(), ManagementGroup.objects.count(), Organisation.objects.count())
    call_command("load_demo", verbosity=0)
    assert (
        Person.objects.count(),
        ManagementGroup.objects.count(),
        Organisation.objects.count(),
    ) == counts


def test_the_demo_has_the_accounts_the_readme_promises(db):
    call_command("load_demo", verbosity=0)
    kommune = Organisation.objects.get(name="Demo Kommune")
    finans = Organisation.objects.get(name="Demo Finans")
    chef = Person.objects.get(email="chef@demo.example")
    assert chef.check_password(DEMO_PASSWORD)
    assert Role.LEADER_OF_LEADERS in chef.roles
    leaders = Person.objects.filter(email__in=[f"leder{n}@demo.example" for n in range(1, 7)])
    assert leaders.count() == 6
    assert all(p.manager == chef and p.organisation == kommune for p in leaders)
    group = ManagementGroup.objects.get(leader=chef)
    assert set(leaders) <= set(group.members.all())
    assert Person.objects.get(email="direktion@demo.example").has_role(Role.TOP_MANAGEMENT)
    assert Person.objects.get(email="hr@demo.example").roles >= {Role.HR, Role.ORG_ADMIN}
    assert Person.objects.get(email="med@demo.example").has_role(Role.COOPERATION)
    second = Person.objects.get(email="boernechef@demo.example")
    assert second.reports.filter(role_assignments__role=Role.LEADER_OF_EMPLOYEES).count() >= 4
    assert ManagementGroup.objects.filter(leader=second).exists()
    assert Person.objects.get(email="hr@finans.example").organisation == finans
    assert kommune.units.count() >= 2

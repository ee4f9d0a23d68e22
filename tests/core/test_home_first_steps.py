"""HR's "Kom i gang" on home (issue 23): import → sign-in → status, until done."""

from django.urls import reverse

from identity.models import IdentityProvider
from organisations.models import Person


def test_hr_is_shown_the_way_in_until_people_and_sign_in_are_there(world, login):
    Person.objects.filter(organisation=world.organisation).update(vouched_via="")
    home = login(world.admin).get(reverse("home")).content.decode()
    section = home[home.index('id="hr-start-heading"') :]
    assert f'<a href="{reverse("organisations:import_upload")}">Importér ledere' in section
    assert f'<a href="{reverse("identity:settings")}">Slå log ind via organisationen til' in section
    assert reverse("organisation_status") in section
    Person.objects.filter(pk=world.leader.pk).update(vouched_via="import")
    home = login(world.admin).get(reverse("home")).content.decode()
    assert "Importér ledere og ledelsesgrupper fra HR-systemet – <span" in home
    IdentityProvider.objects.create(
        organisation=world.organisation, is_enabled=True, email_domains="test.example"
    )
    home = login(world.admin).get(reverse("home")).content.decode()
    assert 'id="hr-start-heading"' not in home
    # A leader is not shown HR's steps.
    assert 'id="hr-start-heading"' not in login(world.leader).get(reverse("home")).content.decode()

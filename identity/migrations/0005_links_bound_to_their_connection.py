"""Links between people and their identity at the provider are bound to the connection
they were made under. Each provider gets its fingerprint; each existing link is bound
to its organisation's provider as it is now (the one it was made under, as far as
anyone can tell)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def bind_existing_links(apps, schema_editor):
    from identity.connection import fingerprint

    IdentityProvider = apps.get_model("identity", "IdentityProvider")
    SignInIdentity = apps.get_model("identity", "SignInIdentity")
    for provider in IdentityProvider.objects.all():
        provider.connection = fingerprint(provider)
        provider.save(update_fields=["connection"])
        SignInIdentity.objects.filter(
            person__organisation_id=provider.organisation_id
        ).update(provider=provider, connection=provider.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('identity', '0004_operator_second_factor_encrypted'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='signinidentity',
            name='identity_unique_subject',
        ),
        migrations.AddField(
            model_name='identityprovider',
            name='connection',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='signinidentity',
            name='connection',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='signinidentity',
            name='provider',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='links', to='identity.identityprovider'),
        ),
        migrations.AddConstraint(
            model_name='signinidentity',
            constraint=models.UniqueConstraint(fields=('provider', 'issuer', 'subject'), name='identity_unique_subject'),
        ),
        migrations.RunPython(bind_existing_links, migrations.RunPython.noop),
    ]

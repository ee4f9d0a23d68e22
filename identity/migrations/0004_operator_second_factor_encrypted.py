"""Operators' second factors move from django-otp's TOTPDevice, whose seed is in clear,
to SecondFactor, whose seed is encrypted with the field keys; the old rows are removed."""

import django.db.models.deletion
import encrypted.fields
import identity.models
from django.conf import settings
from django.db import migrations, models


COPIED = (
    "user_id", "name", "confirmed", "step", "t0", "digits", "tolerance", "drift", "last_t",
    "throttling_failure_timestamp", "throttling_failure_count", "created_at", "last_used_at",
)  # fmt: skip


def move_seeds(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    SecondFactor = apps.get_model("identity", "SecondFactor")
    for device in TOTPDevice.objects.all():
        SecondFactor.objects.create(
            seed=device.key, **{field: getattr(device, field) for field in COPIED}
        )
    TOTPDevice.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('identity', '0003_session_keys_hashed'),
        ('otp_totp', '0003_add_timestamps'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SecondFactor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The human-readable name of this device.', max_length=64)),
                ('confirmed', models.BooleanField(default=True, help_text='Is this device ready for use?')),
                ('throttling_failure_timestamp', models.DateTimeField(blank=True, default=None, help_text='A timestamp of the last failed verification attempt. Null if last attempt succeeded.', null=True)),
                ('throttling_failure_count', models.PositiveIntegerField(default=0, help_text='Number of successive failed attempts.')),
                ('created_at', models.DateTimeField(auto_now_add=True, help_text='The date and time when this device was initially created in the system.', null=True)),
                ('last_used_at', models.DateTimeField(blank=True, help_text='The most recent date and time this device was used.', null=True)),
                ('seed', encrypted.fields.EncryptedTextField(default=identity.models._new_seed)),
                ('step', models.PositiveSmallIntegerField(default=30)),
                ('t0', models.BigIntegerField(default=0)),
                ('digits', models.PositiveSmallIntegerField(default=6)),
                ('tolerance', models.PositiveSmallIntegerField(default=1)),
                ('drift', models.SmallIntegerField(default=0)),
                ('last_t', models.BigIntegerField(default=-1)),
                ('user', models.ForeignKey(help_text='The user that this device belongs to.', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'andet trin (TOTP)',
                'verbose_name_plural': 'andet trin (TOTP)',
                'abstract': False,
            },
        ),
        migrations.RunPython(move_seeds, migrations.RunPython.noop),
    ]

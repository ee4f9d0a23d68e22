# The rate limits' table moved from core to audit as it is: only Django's idea of which
# app owns it changes.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0006_person_lifecycle_kinds'),
        ('core', '0002_rate_limit_hits'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RateLimitHit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(db_index=True, max_length=100)),
                        ('at', models.DateTimeField(db_index=True)),
                    ],
                    options={'db_table': 'core_ratelimithit'},
                ),
            ],
            database_operations=[],
        ),
    ]

# The rate limits' table now belongs to audit (audit/migrations/0007); the table stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_rate_limit_hits'),
        ('audit', '0007_rate_limit_hits_moved_here'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='RateLimitHit')],
            database_operations=[],
        ),
    ]

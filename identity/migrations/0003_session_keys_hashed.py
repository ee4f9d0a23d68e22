"""Sessions made before identity/sessions.py stored their keys as they are: each is
replaced by its keyed hash, so nobody is signed out and no copy made after this holds a
usable key."""

from django.db import migrations
from django.utils.crypto import salted_hmac

SALT = "ledertrivsel.identity.sessions"
DJANGO_KEY_LENGTH = 32  # Django's own session keys; the stored hashes are 40 long


def hash_session_keys(apps, schema_editor):
    Session = apps.get_model("sessions", "Session")
    for session in Session.objects.all().iterator():
        if len(session.session_key) != DJANGO_KEY_LENGTH:
            continue
        hashed = salted_hmac(SALT, session.session_key, algorithm="sha256").hexdigest()[:40]
        Session.objects.filter(session_key=session.session_key).update(session_key=hashed)


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0002_saml_providers"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(hash_session_keys, migrations.RunPython.noop)]

"""Sessions whose keys are stored only as a keyed hash.

The browser's cookie holds the session key; the database holds HMAC(SECRET_KEY, key).
A copy of the database (a backup, a dump, a replica) then lists the sessions but opens
none of them: turning a stored value back into a cookie needs the server's secret.
Set as SESSION_ENGINE; everything else is Django's database session store.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.utils import timezone
from django.utils.crypto import salted_hmac

# The column holds 40 characters, as Django's own session keys: 160 bits of the HMAC.
STORED_LENGTH = 40
SALT = "ledertrivsel.identity.sessions"


def stored_key(session_key: str) -> str:
    """What the database holds for a session key."""
    return salted_hmac(SALT, session_key, algorithm="sha256").hexdigest()[:STORED_LENGTH]


class SessionStore(db.SessionStore):
    def _current(self):
        return self.model.objects.filter(
            session_key=stored_key(self.session_key), expire_date__gt=timezone.now()
        )

    def _get_session_from_db(self):
        found = self._current().first() if self.session_key else None
        if found is None:
            self._session_key = None
        return found

    async def _aget_session_from_db(self):
        found = await self._current().afirst() if self.session_key else None
        if found is None:
            self._session_key = None
        return found

    def exists(self, session_key):
        return self.model.objects.filter(session_key=stored_key(session_key)).exists()

    async def aexists(self, session_key):
        return await self.model.objects.filter(session_key=stored_key(session_key)).aexists()

    def create_model_instance(self, data):
        return self.model(
            session_key=stored_key(self._get_or_create_session_key()),
            session_data=self.encode(data),
            expire_date=self.get_expiry_date(),
        )

    async def acreate_model_instance(self, data):
        return self.model(
            session_key=stored_key(await self._aget_or_create_session_key()),
            session_data=self.encode(data),
            expire_date=await self.aget_expiry_date(),
        )

    def delete(self, session_key=None):
        session_key = session_key or self.session_key
        if session_key:
            self.model.objects.filter(session_key=stored_key(session_key)).delete()

    async def adelete(self, session_key=None):
        session_key = session_key or self.session_key
        if session_key:
            await self.model.objects.filter(session_key=stored_key(session_key)).adelete()

"""Django's model backend, loading the signed-in person with what every page reads."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PersonBackend(ModelBackend):
    def get_user(self, user_id):
        # Every page shows the organisation's name and asks for the person's roles:
        # loaded here with the person, two queries fewer on each request.
        person = (
            get_user_model()
            ._default_manager.select_related("organisation")
            .prefetch_related("role_assignments")
            .filter(pk=user_id)
            .first()
        )
        return person if person is not None and self.user_can_authenticate(person) else None

    def authenticate(self, request, username=None, password=None, **kwargs):
        person = super().authenticate(request, username=username, password=password, **kwargs)
        # An organisation that signs in only through its own provider has no passwords
        # that work, even right ones (access/identity.py).
        from access.policy import password_login_allowed

        if person is not None and not password_login_allowed(person):
            return None
        return person

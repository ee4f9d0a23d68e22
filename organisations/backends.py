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

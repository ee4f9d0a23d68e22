from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from followup import personal_data

        personal_data.register_all()
        from django.db.models.signals import post_delete

        # Imported here, not at the top: models load only once the app registry is ready.
        from followup.models import FollowUpFields, forget_history

        for model in self.apps.get_models():
            if issubclass(model, FollowUpFields):
                post_delete.connect(forget_history, sender=model, weak=False)

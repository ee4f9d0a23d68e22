from django.apps import AppConfig


class PrioritymapConfig(AppConfig):
    name = "prioritymap"

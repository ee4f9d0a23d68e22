from django.apps import AppConfig


class UiConfig(AppConfig):
    """The UI kit every part of the product uses: Det Fælles Designsystem on Django's
    forms, the person picker, the ratings form of tools 2 and 3, PDFs, shared partials
    and template filters. It sits below the tools and knows none of them."""

    name = "ui"

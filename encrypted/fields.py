"""A text field stored encrypted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from encrypted import keys


class EncryptedTextField(models.TextField):
    """Text encrypted with the current key when saved, decrypted when read.

    An empty text stays empty, so "has the leader written anything" still works in SQL;
    nothing else about the text can be queried (each encryption differs). Text written
    before the field was encrypted is read as it is until `rotate_encryption_keys` (or
    the migration) encrypts it.
    """

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return keys.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return keys.encrypt(str(value))

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "encrypted.fields.EncryptedTextField", args, kwargs


class _EncryptedValueField(EncryptedTextField):
    """A value that is not text (a date, a number, a yes or no) stored encrypted as its
    text. As with text, nothing about it can be filtered or ordered in SQL: whoever reads
    it decrypts the rows they may see and works in Python."""

    # Each kind sets both: its form field, and how its stored text is read back.
    form_class: type[forms.Field]
    parse: Callable[[str], object]

    def to_python(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return self.parse(value)
            except ValueError as error:
                raise ValidationError(str(error), code="invalid") from error
        return value

    def from_db_value(self, value, expression, connection):
        if value is not None and not isinstance(value, str):
            value = str(value)  # stored before encryption by a column of another type
        return self.to_python(super().from_db_value(value, expression, connection))

    def formfield(self, **kwargs):
        # Not TextField's: no textarea, and a field of the value's own kind.
        return models.Field.formfield(self, **{"form_class": self.form_class, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, f"encrypted.fields.{type(self).__name__}", args, kwargs


def _parse_bool(text: str) -> bool:
    if text.lower() in ("true", "1", "t"):
        return True
    if text.lower() in ("false", "0", "f"):
        return False
    raise ValueError(text)


class EncryptedDateField(_EncryptedValueField):
    form_class = forms.DateField
    parse = staticmethod(lambda text: date.fromisoformat(text[:10]))

    def to_python(self, value):
        if isinstance(value, datetime):
            return value.date()
        return super().to_python(value)


class EncryptedIntegerField(_EncryptedValueField):
    form_class = forms.IntegerField
    parse = staticmethod(int)


class EncryptedBooleanField(_EncryptedValueField):
    form_class = forms.BooleanField
    parse = staticmethod(_parse_bool)


def encrypted_fields(model) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]


def reencrypt(model, batch: int = 500) -> int:
    """Writes every row's encrypted fields again with the first key (also encrypts text
    from before encryption). Works with historical models in migrations too."""
    names = [
        f.name
        for f in model._meta.get_fields()
        if any(cls.__name__ == "EncryptedTextField" for cls in type(f).__mro__)
    ]
    if not names:
        return 0
    done = 0
    pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch):
        for row in model._base_manager.filter(pk__in=pks[start : start + batch]).values(
            "pk", *names
        ):
            pk = row.pop("pk")
            # update(), not save(): no history entries and no timestamps change.
            model._base_manager.filter(pk=pk).update(**row)
            done += 1
    return done

"""A text field stored encrypted."""

from __future__ import annotations

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


def encrypted_fields(model) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]


def reencrypt(model, batch: int = 500) -> int:
    """Writes every row's encrypted fields again with the first key (also encrypts text
    from before encryption). Works with historical models in migrations too."""
    names = [
        f.name for f in model._meta.get_fields() if f.__class__.__name__ == "EncryptedTextField"
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

"""Encryption at rest for private free text: what leaders write alone.

A database dump, a backup or someone with SQL access reads ciphertext; only the app, with
the keys from its environment, reads the text. Keys: FIELD_ENCRYPTION_KEYS (Fernet keys,
comma-separated, the first encrypts, all decrypt), or FIELD_ENCRYPTION_KEYS_FILE.
Rotate with `manage.py rotate_encryption_keys` after putting a new key first.
"""

"""URL converters."""


class IdConverter:
    """A database id: at most 18 digits, so a longer number is a 404 and never reaches the
    database (where it would overflow a 64-bit integer)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)

from tests.oidc_provider import oidc_server, provider  # noqa: F401 - fixtures

from tests.oidc_provider import oidc_server, provider  # noqa: F401 - fixtures
from tests.saml_provider import saml_provider, saml_server  # noqa: F401 - fixtures

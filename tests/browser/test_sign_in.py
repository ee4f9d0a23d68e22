"""Signing in through the organisation's own provider, in Chromium, against a real
OpenID Connect provider on this machine (tests/oidc_provider.py)."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from identity.models import IdentityProvider, SignInIdentity
from organisations.demo import DEMO_PASSWORD
from tests.browser.conftest import check_page, load_demo, log_in, screenshot
from tests.oidc_provider import claims
from tests.saml_provider import introduce


@pytest.fixture
def demo(transactional_db):
    load_demo()


def held_before_the_provider(page, oidc_server: str) -> None:
    """The provider answers "no content" for a moment, so the page that moves on to it (ours)
    stays long enough to be checked; then the visitor follows its link."""
    page.route(f"{oidc_server}/**", lambda route: route.fulfill(status=204))


def on_to_the_provider(page, oidc_server: str) -> None:
    check_page(page)
    page.unroute(f"{oidc_server}/**")
    page.get_by_role("link", name="Fortsæt").click()


def at_the_provider(page, subject: str) -> None:
    """The provider's own sign-in form (not ours, so not checked by axe here)."""
    page.wait_for_url("**/oauth2/authorize**")
    page.locator('input[name="sub"]').fill(subject)
    page.get_by_role("button", name="Authorize").click()


def test_an_administrator_connects_the_provider_and_a_leader_signs_in_through_it(
    demo, page, oidc_server
):
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Organisation", exact=True).click()
    check_page(page)
    page.get_by_role("link", name="Log ind via organisationen").click()
    check_page(page)
    page.get_by_label("E-maildomæner").fill("demo.example")
    page.get_by_label("Issuer (udsteder)").fill(oidc_server)
    page.get_by_label("Client ID").fill("ledertrivsel")
    page.get_by_label("Client secret").fill("hemmelig")
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Opsætningen er gemt.")).to_be_visible()

    # The test goes through the provider and back, and signs nobody in.
    claims(oidc_server, "mette-lund", email="hr@demo.example", name="Mette Lund")
    held_before_the_provider(page, oidc_server)
    page.get_by_role("button", name="Test forbindelsen").click()
    expect(page.get_by_role("heading", name="Videre til din organisations log ind")).to_be_visible()
    on_to_the_provider(page, oidc_server)
    at_the_provider(page, "mette-lund")
    check_page(page)
    expect(page.get_by_text("Forbindelsen virker")).to_be_visible()
    page.get_by_label("Log ind via organisationen er slået til").check()
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Log ind via organisationen er slået til.")).to_be_visible()
    screenshot(page, "sign-in-settings")
    assert IdentityProvider.objects.get(issuer=oidc_server).is_enabled
    page.get_by_role("button", name="Log ud").click()

    # A leader types only her address; her account is hers, so she confirms it once.
    claims(oidc_server, "mads-nielsen", email="leder2@demo.example", name="Mads Nielsen")
    page.goto("/log-ind/")
    check_page(page)
    page.get_by_label("E-mailadresse").fill("leder2@demo.example")
    held_before_the_provider(page, oidc_server)
    page.get_by_role("button", name="Log ind").click()
    on_to_the_provider(page, oidc_server)
    at_the_provider(page, "mads-nielsen")
    check_page(page)
    expect(page.get_by_role("heading", name="Forbind din konto")).to_be_visible()
    screenshot(page, "sign-in-link")
    page.get_by_label("Din adgangskode i Ledertrivsel").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Forbind og log ind").click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Mads")
    assert SignInIdentity.objects.filter(subject="mads-nielsen").exists()

    # Signing out here signs out at the provider too, when it offers that.
    held_before_the_provider(page, oidc_server)
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_role("heading", name="Du er logget ud")).to_be_visible()
    check_page(page)
    page.unroute(f"{oidc_server}/**")

    # Next time the provider's word is enough.
    page.goto("/log-ind/")
    page.get_by_label("E-mailadresse").fill("leder2@demo.example")
    page.get_by_role("button", name="Log ind").click()
    at_the_provider(page, "mads-nielsen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Mads")
    check_page(page)


def test_an_administrator_makes_an_api_token_for_the_intranet(demo, page):
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    check_page(page)
    page.get_by_role("link", name="Organisation", exact=True).click()
    check_page(page)
    page.get_by_role("link", name="API-nøgler").click()
    check_page(page)
    page.get_by_label("Navn").fill("Intranettet")
    page.get_by_label("Læse udgivne planer").check()
    page.get_by_role("button", name="Lav nøgle").click()
    check_page(page)
    secret = page.locator("#new-token").inner_text()
    assert secret.startswith("lt_")
    expect(page.get_by_role("row", name="Intranettet")).to_be_visible()
    screenshot(page, "api-tokens")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Træk tilbage").click()
    check_page(page)
    expect(page.get_by_text("Nøglen Intranettet er trukket tilbage.")).to_be_visible()


def at_the_saml_provider(page, email: str) -> None:
    """The test IdP's own sign-in form (not ours); its answer posts itself back to us."""
    page.wait_for_url("**/sso?**")
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="Sign in").click()


def test_an_administrator_connects_a_saml_provider_and_a_leader_signs_in_through_it(
    demo, page, saml_server, live_server
):
    log_in(page, "hr@demo.example", DEMO_PASSWORD)
    page.goto("/organisation/log-ind/")
    check_page(page)
    page.get_by_label("SAML 2.0 (fx OIOSAML)").check()
    page.get_by_label("E-maildomæner").fill("demo.example")
    page.get_by_label("Metadata-adresse").fill(f"{saml_server}/metadata")
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Opsætningen er gemt.")).to_be_visible()
    screenshot(page, "sign-in-saml-settings")

    # The IdP's administrator loads our metadata from the link on the page.
    metadata_url = page.get_by_role("link", name="Hent vores SAML-metadata (XML)").get_attribute(
        "href"
    )
    introduce(saml_server, httpx.get(metadata_url).content)

    held_before_the_provider(page, saml_server)
    page.get_by_role("button", name="Test forbindelsen").click()
    expect(page.get_by_role("heading", name="Videre til din organisations log ind")).to_be_visible()
    on_to_the_provider(page, saml_server)
    at_the_saml_provider(page, "hr@demo.example")
    page.wait_for_url("**/organisation/log-ind/")
    check_page(page)
    expect(page.get_by_text("Forbindelsen virker")).to_be_visible()
    page.get_by_label("Log ind via organisationen er slået til").check()
    page.get_by_role("button", name="Gem").click()
    check_page(page)
    expect(page.get_by_text("Log ind via organisationen er slået til.")).to_be_visible()
    page.get_by_role("button", name="Log ud").click()

    # A leader types her address, signs in at the IdP and confirms her account once.
    page.goto("/log-ind/")
    page.get_by_label("E-mailadresse").fill("leder2@demo.example")
    page.get_by_role("button", name="Log ind").click()
    at_the_saml_provider(page, "leder2@demo.example")
    expect(page.get_by_role("heading", name="Forbind din konto")).to_be_visible()
    check_page(page)
    page.get_by_label("Din adgangskode i Ledertrivsel").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Forbind og log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Mads")
    check_page(page)
    assert SignInIdentity.objects.filter(subject="id-leder2@demo.example").exists()

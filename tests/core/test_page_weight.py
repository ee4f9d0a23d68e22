"""A page's own weight stays small on a phone's connection: the stylesheets and scripts
every page loads, gzipped as WhiteNoise serves them, without fonts (the browser's own
or the design system's, cached once) and without the page's HTML."""

import gzip
import re

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

LIMIT_BYTES = 150 * 1024


def test_every_page_loads_under_150_kb_of_css_and_js_gzipped():
    head = render_to_string("partials/head_assets.html")
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', head)
    assert len(assets) >= 4, head
    total = 0
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read(), compresslevel=9))
    assert total < LIMIT_BYTES, f"{total / 1024:.0f} KB gzipped"


def test_static_files_are_hashed_in_production_so_whitenoise_caches_them_for_years(tmp_path):
    """WhiteNoise serves a file whose name carries its content's hash as immutable, with
    a ten-year max-age; production settings must give the files such names."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING", "DATABASE_URL"}}
    env.update(
        {
            "SECRET_KEY": "x" * 60,
            "FIELD_ENCRYPTION_KEYS": "hK0cY8v5U3Hq0o3J8i9Zx2m4b1c7d6e5f4a3b2c1d0E=",
            "ALLOWED_HOSTS": "ledertrivsel.example.dk",
            "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
            "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings",
        }
    )
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['staticfiles']['BACKEND'])"
    )
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"

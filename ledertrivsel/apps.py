from django.contrib.admin.apps import AdminConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class PlatformAdminConfig(AdminConfig):
    default_site = "ledertrivsel.admin.PlatformAdminSite"


class StaticFilesConfig(BaseStaticFilesConfig):
    """Collects what the pages use of the design system: its minified stylesheet and
    script with what they reference, not its other themes, sources and font formats.
    That is a fifth of the files, and collectstatic (which compresses each one) is four
    times faster for it."""

    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        "scss",
        "split",
        "otf",
        "dkfds-borgerdk*",
        "dkfds-virkdk*",
        "dkfds.css",
        "dkfds.css.map",
        # The pages load css/design-system.css, made from it (scripts/build_css.py).
        "dkfds.min.css",
        "dkfds.js",
        "dkfds.js.map",
        # htmx: the one minified file the pages load, not its other builds, its
        # extensions or its precompressed copy (whitenoise makes its own).
        "ext",
        "htmx.js",
        "*.esm.js",
        "*.esm.d.ts",
        "*.amd.js",
        "*.cjs.js",
        "htmx.min.js.gz",
        # Of the old font formats the stylesheet names only the regular weight.
        "IBMPlexSans-[!R]*.ttf",
        "IBMPlexSans-[!R]*.eot",
        # The API's documentation page uses Swagger UI, not ReDoc.
        "redoc.standalone.js*",
    ]

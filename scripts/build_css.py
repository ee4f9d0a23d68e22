"""The design system's stylesheet as the product serves it: `make setup` writes it from
node_modules/dkfds to build/static/css/design-system.css. Two changes (issue 24):

- The typeface is shown only if it arrives within the first moment
  (`font-display: optional`, not `swap`). Swapped in late, it moved every line of text
  on a slow phone: a layout shift of 0.2-0.4 on Mit overblik, the interview guide and
  home. A page that misses it shows the fallback and never moves; the font is then
  cached for the next page.
- Only the rules the product's pages can use are kept (PurgeCSS with
  scripts/purgecss.config.cjs): 216 KB to 68 KB, 30 KB to 11 KB compressed, on every
  page's critical path. Key pages at two widths, and the phone menu, were compared
  pixel by pixel with and without it: the same.
"""

# PurgeCSS runs with a fixed command line from the repository's node_modules.
# ruff: noqa: S603, S607

import re
import subprocess
import sys
import tempfile
from pathlib import Path

source, target = Path(sys.argv[1]), Path(sys.argv[2])
css = source.read_text(encoding="utf-8")
swaps = css.count("font-display:swap")
if not swaps:
    sys.exit(f"{source}: no font-display:swap found; has the design system changed?")
css = css.replace("font-display:swap", "font-display:optional")
# The file moves from dkfds/css/ to css/: its fonts and icons stay in the design
# system's folder.
css = re.sub(r"url\((['\"]?)\.\./", r"url(\1../dkfds/", css)
# Its source map stays behind with the sources (not collected).
css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", css)
target.parent.mkdir(parents=True, exist_ok=True)
with tempfile.TemporaryDirectory() as work:
    whole = Path(work) / target.name
    whole.write_text(css, encoding="utf-8")
    subprocess.run(
        ["node_modules/.bin/purgecss", "--config", "scripts/purgecss.config.cjs",
         "--css", str(whole), "--output", str(target.parent)],
        check=True,
    )  # fmt: skip
print(f"{target}: {swaps} typefaces set to font-display:optional, {target.stat().st_size} bytes")

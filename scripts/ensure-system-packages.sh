#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (as root only).
set -euo pipefail

missing=()
command -v msgfmt >/dev/null || missing+=(gettext)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The Nu HTML Checker (vnu.jar from npm) runs on Java.
command -v java >/dev/null || missing+=(default-jre-headless)
# nginx in front of gunicorn for the soak test (the production topology, deploy/).
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q libpangoft2-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
# xmlsec1 checks and makes XML signatures for SAML sign-in (pysaml2 calls it).
command -v xmlsec1 >/dev/null || missing+=(xmlsec1)
# Fonts for readable screenshots and a realistic layout in the browser tests.
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

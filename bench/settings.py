"""The product's settings plus one bare view, for `make bench` (bench/pages_bench.py)."""

from ledertrivsel.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

"""Benchmark: computing and rendering a management group's priority map.

Run with `make bench`. Prints the median and best of repeated runs; no thresholds,
no database: this measures the arithmetic (prioritymap.model) and the SVG + table
rendering for a 30-member group rating 20 statements, and a 1,000-leader plan rating
12 themes (tool 3's organisation-wide case).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledertrivsel.settings")
os.environ.setdefault("TESTING", "1")

import django

django.setup()

from django.utils import translation  # noqa: E402

from prioritymap.model import Answer, aggregate  # noqa: E402
from prioritymap.templatetags.priority_map import render_map  # noqa: E402
from prioritymap.views import map_context  # noqa: E402


def answers(people: int, items: int, seed: int):
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    scale = (-1, 0, 1)
    by_person = {
        person: {item: Answer(rng.choice(scale), rng.choice(scale)) for item in range(1, items + 1)}
        for person in range(people)
    }
    picks = {person: rng.sample(range(1, items + 1), 3) for person in range(people)}
    return by_person, picks


def timed(function, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs)


def report(name: str, function, repeat: int) -> None:
    median, best = timed(function, repeat)
    print(f"{name:<55} median {median * 1000:8.2f} ms   best {best * 1000:8.2f} ms")


def main() -> None:
    translation.activate("da")
    group_answers, group_picks = answers(30, 20, 1)
    earlier_answers, earlier_picks = answers(30, 20, 2)
    labels = {n: str(n) for n in range(1, 21)}
    titles = {n: f"Udsagn {n}" for n in range(1, 21)}

    def compute():
        return aggregate(group_answers, group_picks)

    def compute_and_render():
        group = aggregate(group_answers, group_picks)
        context = map_context(group, labels, titles=titles, caption="Kort")
        context["map_id"] = "bench"
        return render_map(context)

    def with_movement():
        group = aggregate(group_answers, group_picks)
        before = aggregate(earlier_answers, earlier_picks)
        context = map_context(group, labels, titles=titles, caption="Kort", before=before)
        context["map_id"] = "bench"
        return render_map(context)

    plan_answers, plan_picks = answers(1000, 12, 3)

    def organisation_plan():
        return aggregate(plan_answers, plan_picks)

    print("Priority map benchmarks (Python", sys.version.split()[0] + ")")
    report("tool 2: aggregate 30 members x 20 statements", compute, 200)
    report("tool 2: aggregate + render SVG and table (30 members)", compute_and_render, 50)
    report("tool 2: two rounds with movement arrows (30 members)", with_movement, 50)
    report("tool 3: aggregate 1,000 leaders x 12 themes", organisation_plan, 20)


if __name__ == "__main__":
    main()

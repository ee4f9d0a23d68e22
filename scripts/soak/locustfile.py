"""Realistic users for `make soak` (run by scripts/soak/run.py, not by hand).

Leaders log in, open their home page and Mit overblik, write in the interview guide
(autosave), prepare a round of tool 2, open their group's map and rate the plan's
themes; HR browses people and units and reads the status page. Every request is
recorded with its time, and every write is recorded with what was written and whether the
server acknowledged it (2xx), so run.py can check afterwards that the database has
every acknowledged write (or a later one).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import time

import urllib3
from locust import HttpUser, between, events, task

urllib3.disable_warnings()  # the soak's own self-signed certificate

SETUP = json.loads(open(os.environ["SOAK_USERS_FILE"]).read())  # noqa: SIM115
RESULTS_FILE = os.environ["SOAK_RESULTS_FILE"]
PASSWORD = SETUP["password"]
LEADERS = itertools.cycle(SETUP["leaders"])
REQUESTS: list[tuple] = []
WRITES: list[dict] = []
VERSION = re.compile(r'name="version" value="(\d+)"')


@events.request.add_listener
def record(request_type, name, response_time, response_length, exception, response, **kw):
    status = getattr(response, "status_code", 0) if response is not None else 0
    REQUESTS.append((time.time(), name, round(response_time, 1), exception is None, status))


@events.quitting.add_listener
def save(environment, **kw):
    with open(RESULTS_FILE, "w") as out:
        json.dump({"requests": REQUESTS, "writes": WRITES}, out)


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def on_start(self):
        self.client.verify = False
        self.client.headers["Referer"] = self.host + "/"
        self.log_in()

    def log_in(self):
        self.client.get("/log-ind/", name="log in (page)")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/log-ind/",
            data={"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="log in",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}")

    def post(self, url: str, data: dict, name: str, **kwargs):
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        return self.client.post(url, data=data, name=name, **kwargs)


class Leader(Person):
    weight = 9

    def on_start(self):
        self.me = next(LEADERS)
        self.email = self.me["email"]
        self.sequence = 0
        self.note_version = None
        super().on_start()

    def record_write(self, kind: str, **what) -> dict:
        """A write about to be sent; run.py checks it if the server acknowledges it."""
        write = {"kind": kind, "email": self.email, "sequence": self.sequence, **what}
        WRITES.append(write)
        return write

    @task(4)
    def home(self):
        self.client.get("/", name="home")

    @task(2)
    def overview(self):
        self.client.get("/overblik/", name="Mit overblik")

    @task(1)
    def guide(self):
        response = self.client.get("/dialog/interviewguide/", name="tool 1: interview guide")
        found = re.search(
            rf'id="note-{re.escape(self.me["note_key"])}-version" value="(\d+)"', response.text
        ) or VERSION.search(response.text)
        if found:
            self.note_version = int(found.group(1))

    @task(3)
    def autosave(self):
        if self.note_version is None:
            self.guide()
        self.sequence += 1
        text = f"soak {self.email} {self.sequence}"
        key = self.me["note_key"]
        write = self.record_write("note", key=key)
        with self.post(
            f"/dialog/gem/note/{key}/",
            {"text": text, "version": self.note_version or 0, "force": "1"},
            name="tool 1: autosave",
            headers={"HX-Request": "true"},
            catch_response=True,
        ) as response:
            found = VERSION.search(response.text or "")
            if response.ok and found and "fejl" not in response.text.lower():
                self.note_version = int(found.group(1))
                write["acked"] = True
            elif response.ok:
                response.failure("autosave did not confirm")

    @task(2)
    def prepare(self):
        round_pk = self.me.get("open_round")
        if not round_pk:
            return self.home()
        self.sequence += 1
        value = (-1, 0, 1)[self.sequence % 3]
        data = {f"s{n}": value for n in range(1, 21)} | {f"i{n}": -value for n in range(1, 21)}
        data["pick"] = [1 + self.sequence % 20]
        write = self.record_write("rating", round=round_pk, success=value)
        with self.post(
            f"/runder/{round_pk}/forberedelse/",
            data,
            name="tool 2: prepare",
            headers={"HX-Request": "true"},
            catch_response=True,
        ) as response:
            if response.ok:
                write["acked"] = True
        return None

    @task(1)
    def group_map(self):
        round_pk = self.me.get("closed_round")
        if round_pk:
            self.client.get(f"/runder/{round_pk}/kort/", name="tool 2: group map")

    @task(1)
    def rate_plan(self):
        plan = SETUP["plan"]
        self.sequence += 1
        value = (-1, 0, 1)[self.sequence % 3]
        data = {f"s{pk}": value for pk in SETUP["themes"]}
        data |= {f"i{pk}": value for pk in SETUP["themes"]}
        write = self.record_write("plan", plan=plan, success=value)
        with self.post(
            f"/planer/{plan}/vurder/",
            data,
            name="tool 3: rate themes",
            headers={"HX-Request": "true"},
            catch_response=True,
        ) as response:
            if response.ok:
                write["acked"] = True


class HR(Person):
    weight = 1

    def on_start(self):
        self.email = SETUP["hr"]
        super().on_start()

    @task(2)
    def people(self):
        self.client.get("/organisation/personer/", name="HR: people")

    @task(1)
    def units(self):
        self.client.get("/organisation/enheder/", name="HR: units")

    @task(1)
    def status(self):
        self.client.get("/organisation/status/", name="status")

"""Views check access in one shape: a decorator (`policy.requires`, `policy.allowed_if`,
`policy.member_required`) or a getter of the policy that answers 404 or 403. They
neither raise PermissionDenied themselves nor decide anything from a person's roles
(they may show a person their own roles)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VIEWS = sorted([*ROOT.glob("*/views.py"), ROOT / "api" / "pages.py"])


def _offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = raised.attr if isinstance(raised, ast.Attribute) else getattr(raised, "id", "")
            if name == "PermissionDenied":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} raises PermissionDenied")
        # Showing a person their own roles is fine; testing for one is a decision.
        if isinstance(node, ast.Compare | ast.BinOp) and any(
            isinstance(part, ast.Attribute) and part.attr == "roles" for part in ast.walk(node)
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} tests a person's roles")
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Role"
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} decides on Role.{node.attr}")
    return found


def test_views_leave_every_access_decision_to_the_policy():
    assert len(VIEWS) >= 10, "the walk found the views"
    offences = [offence for path in VIEWS for offence in _offences(path)]
    assert offences == [], "ask access/ instead:\n" + "\n".join(offences)

"""The API's documentation as a plain, accessible page of this site (issue 23).

Swagger UI failed WCAG 2.1 AA (no language, contrast, nested controls, target size);
this reader shows the same OpenAPI document (openapi.json, linked at the top) as
headings, lists and tables in the site's own layout: every operation with its method,
path, scope, parameters, request body and answers.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(schema: dict[str, Any] | None) -> str:
    """A schema in a few words: "string (date)", "array of Unit", "Unit or null"."""
    if not schema:
        return ""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            joined = " | ".join(type_of(part) for part in schema[combinator])
            return joined
    kind = schema.get("type", "object")
    if kind == "array":
        return f"array[{type_of(schema.get('items'))}]"
    if "enum" in schema:
        return f"{kind}: " + ", ".join(str(value) for value in schema["enum"])
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return str(kind)


def _body_type(content: dict[str, Any] | None) -> str:
    if not content:
        return ""
    media = content.get("application/json") or next(iter(content.values()), {})
    return type_of(media.get("schema"))


def reader(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document arranged for reading: operations by tag, then components."""
    groups: dict[str, list[dict]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["api"])[0]
            groups.setdefault(tag, []).append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p.get("in", ""),
                            "required": p.get("required", False),
                            "type": type_of(p.get("schema")),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": _body_type(operation.get("requestBody", {}).get("content")),
                    "responses": [
                        {
                            "status": status,
                            "description": answer.get("description", ""),
                            "type": _body_type(answer.get("content")),
                        }
                        for status, answer in operation.get("responses", {}).items()
                    ],
                }
            )
    components = [
        {
            "name": name,
            "properties": [
                {
                    "name": field,
                    "type": type_of(definition),
                    "required": field in component.get("required", []),
                    "description": definition.get("description", ""),
                }
                for field, definition in component.get("properties", {}).items()
            ],
        }
        for name, component in sorted(schema.get("components", {}).get("schemas", {}).items())
    ]
    return {
        "title": schema.get("info", {}).get("title", ""),
        "version": schema.get("info", {}).get("version", ""),
        "description": schema.get("info", {}).get("description", ""),
        "groups": sorted(groups.items()),
        "components": components,
    }


class AccessibleDocs(DocsBase):
    def render_page(self, request: HttpRequest, api, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        return render(
            request,
            "api/docs.html",
            {"api": reader(schema), "openapi_url": self.get_openapi_url(api, kwargs)},
        )

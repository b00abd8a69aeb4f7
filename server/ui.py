"""The query page at /: a YASGUI editor served from this server, with the named queries as examples."""

from __future__ import annotations

import re

from flask import Blueprint, Response, jsonify, render_template

from extract.queries import QUERIES_DIR

bp = Blueprint("ui", __name__)


def named_queries() -> list[dict[str, str]]:
    """Every `queries/*.rq` with its `# title:` and `# description:` lines."""
    found = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^#\s*title:\s*(.+)$", text, re.M)
        description = re.search(r"^#\s*description:\s*(.+)$", text, re.M)
        found.append({"name": path.stem, "title": title.group(1).strip() if title else path.stem,
                      "description": description.group(1).strip() if description else "", "query": text})
    return found


@bp.route("/")
def index() -> Response:
    return Response(render_template("index.html", queries=named_queries()), content_type="text/html; charset=utf-8")


@bp.route("/queries")
def queries() -> Response:
    return jsonify(named_queries())

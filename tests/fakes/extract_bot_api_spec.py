"""Shrink the machine-readable Bot API description to what the fake Bot API's checks need.

Why a generated copy: the full description (`api-10.0.json`, ~850 KB) lives only on the machine
the project was set up on, yet the tests that validate every request the bot makes must run
anywhere. So we keep a small, reviewable extract next to the checker (`bot_api_spec.json`, one
method or type per line) and regenerate it when the bot moves to a new Bot API version.

Run from the project root:

    .venv/bin/python tests/fakes/extract_bot_api_spec.py /path/to/api-10.0.json

Per method (and per keyboard-related type) it keeps every field name, the declared types joined
with "|" (e.g. "Integer|String") and the list of required fields - nothing else.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).with_name("bot_api_spec.json")

# Object types whose own fields the checker validates inside requests (keyboards and commands are
# what a bot builds by hand, so that's where typos and invented fields slip in).
KEPT_TYPES = (
    "InlineKeyboardMarkup",
    "InlineKeyboardButton",
    "ReplyKeyboardMarkup",
    "KeyboardButton",
    "ReplyKeyboardRemove",
    "ForceReply",
    "BotCommand",
)


def _compact(entry: dict[str, Any]) -> dict[str, Any]:
    """Reduce one method/type entry to field -> "T1|T2" plus the required names."""
    fields = entry.get("fields", [])
    return {
        "fields": {f["name"]: "|".join(f["types"]) for f in fields},
        "required": [f["name"] for f in fields if f["required"]],
    }


def extract(api: dict[str, Any]) -> dict[str, Any]:
    """Build the compact spec from the full description."""
    return {
        "version": api["version"],
        "release_date": api.get("release_date", ""),
        "methods": {name: _compact(m) for name, m in sorted(api["methods"].items())},
        "types": {name: _compact(api["types"][name]) for name in KEPT_TYPES},
    }


def dump(spec: dict[str, Any]) -> str:
    """Serialise with one method/type per line so diffs between API versions stay readable."""

    def block(entries: dict[str, Any]) -> str:
        lines = [
            f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False, separators=(',', ':'))}"
            for k, v in entries.items()
        ]
        return "{\n" + ",\n".join(lines) + "\n  }"

    return (
        "{\n"
        f'  "version": {json.dumps(spec["version"])},\n'
        f'  "release_date": {json.dumps(spec["release_date"])},\n'
        f'  "methods": {block(spec["methods"])},\n'
        f'  "types": {block(spec["types"])}\n'
        "}\n"
    )


def main(argv: list[str]) -> int:
    """Read the full description named on the command line and write the extract."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    api = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    text = dump(extract(api))
    json.loads(text)  # never write a file the checker cannot read
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(text.encode('utf-8'))} bytes, {api['version']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

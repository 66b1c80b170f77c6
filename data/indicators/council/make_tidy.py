#!/usr/bin/env python3
"""Turns the council-level source files (see data/indicators/PROVENANCE.md, "Council datasets") into the
Observatory's tidy indicator layout. Values are copied as text, never recalculated; only the period is rewritten
as an ISO 8601 interval. Run from this folder with the source folders given as the first argument."""
import csv, re, sys, os

src = sys.argv[1]
HEADER = ["area", "indicator", "period", "value", "lci95", "uci95", "status", "note"]

def financial_or_calendar(p):
    m = re.fullmatch(r"(\d{4})/(\d{2})", p)
    if m:  # a financial year, April to March (England, Wales, Northern Ireland)
        return f"{m.group(1)}-04-01/P1Y"
    if re.fullmatch(r"\d{4}", p):  # a calendar year (Scotland's household waste; other annual series)
        return f"{p}-01-01/P1Y"
    raise ValueError(p)

def iso(p):
    if "/P" in p:
        return p
    return financial_or_calendar(p)

def epc(p):
    # "2016/Q2 to 2026/Q1": ten years of lodgements from 1 April 2016.
    m = re.fullmatch(r"(\d{4})/Q2 to (\d{4})/Q1", p)
    years = int(m.group(2)) - int(m.group(1))
    return f"{m.group(1)}-04-01/P{years}Y"

IOD = {
    "Index of Multiple Deprivation": "iod2025-imd-score",
    "Income Deprivation": "iod2025-income-deprivation",
    "Employment Deprivation": "iod2025-employment-deprivation",
    "Crime": "iod2025-crime",
    "Living Environment Deprivation": "iod2025-living-environment",
}

def convert(source, target, indicator_of, period_of, keep=lambda r: True):
    rows = []
    with open(os.path.join(src, source), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not keep(r) or r["value"].strip() in ("", "NA"):
                continue
            rows.append([r["area_code"], indicator_of(r), period_of(r["period"]), r["value"], "", "", "", ""])
    rows.sort(key=lambda r: (r[1], r[0], r[2]))
    with open(target, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(target, len(rows))

convert("household_recycling_rate/household_recycling_rate.csv", "household-recycling-rate.csv", lambda r: "household-recycling-rate", financial_or_calendar)
convert("domestic_electricity_per_meter/domestic_electricity_per_meter.csv", "domestic-electricity-per-meter.csv", lambda r: "domestic-electricity-per-meter", iso)
convert("domestic_gas_per_meter/domestic_gas_per_meter.csv", "domestic-gas-per-meter.csv", lambda r: "domestic-gas-per-meter", iso)
convert("epc_energy_efficiency_abc/epc_energy_efficiency_abc.csv", "epc-rated-a-to-c.csv", lambda r: "epc-rated-a-to-c", epc)
convert("ev_share_cars_vans/ev_share_cars_vans.csv", "plug-in-vehicle-share.csv", lambda r: "plug-in-vehicle-share", financial_or_calendar)
convert("renewable_electricity_generation/renewable_electricity_generation.csv", "renewable-electricity-generation.csv", lambda r: "renewable-electricity-generation", financial_or_calendar)
convert("iod2025_income_deprivation/iod2025_all_domains_lad.csv", "iod2025.csv", lambda r: IOD[r["index_domain"]], financial_or_calendar, lambda r: r["index_domain"] in IOD)

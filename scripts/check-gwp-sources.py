#!/usr/bin/env python3
"""Checks tests/data/gwp/source_values.csv and not_shipped.csv line by line against the files they
were transcribed from (tests/data/gwp/README.md), which are not part of the project:

  L  lciafmt/data/IPCC_GWP_values.csv of USEPA/LCIAformatter,
     commit 48d19af11965994378e9febe0cca2d5822a0776d (MIT)
  O  globalwarmingpotentials.csv of openclimatedata/globalwarmingpotentials,
     commit fc4e6f48190b2c43a8b1ef41cd7a88f1d1234247 (CC0 1.0)

Every line's value must be the file's text in the row the line names; every GWP100 row of L
(but AR5's section headings) and every AR4/AR5/AR6 GWP100 cell of O must be named by a line;
every cell of factors/gwp.csv must be its line's value, and empty where no line prints one.

usage: python3 scripts/check-gwp-sources.py L.csv O.csv [REPO]   (exit 1 on a mismatch)
"""
import csv
import io
import os
import sys

L_PATH, O_PATH = sys.argv[1:3]
REPO = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), '..')
errors = []

# L rows GWP100 by label
lrows = [r for r in csv.DictReader(open(L_PATH, newline='', encoding='utf-8')) if r['Parameter'] == 'GWP100']
names = {}
for r in lrows:
    names.setdefault((r['AR'], r['Name'].casefold()), []).append(r)
L = {}
for r in lrows:
    lab = f"{r['AR']} {r['Name']}"
    if r['Name'] == '' or len(names[(r['AR'], r['Name'].casefold())]) > 1:
        lab += f" [CAS {r['CAS']}]"
    if lab in L:
        errors.append(f'label not unique: {lab}')
    L[lab] = r

# O cells
otext = '\n'.join(l for l in open(O_PATH, encoding='utf-8').read().splitlines() if not l.startswith('#'))
O = {r['Species']: r for r in csv.DictReader(io.StringIO(otext))}
OCOL = {'AR4': 'AR4GWP100', 'AR5': 'AR5GWP100', 'AR6': 'AR6GWP100'}

T = {('CH4_fossil', 'AR6', '29.8', 'CH4-fossil'), ('CH4_biogenic', 'AR6', '27.0', 'CH4-non fossil')}

seen_l, seen_o = set(), set()


def check_l(where, st, val, lab):
    r = L.get(lab)
    if r is None:
        errors.append(f'{where}: no row {lab!r} in L')
    elif r['AR'] != st:
        errors.append(f'{where}: row {lab!r} is {r["AR"]}, line says {st}')
    elif r['Value'] != val:
        errors.append(f'{where}: L prints {r["Value"]!r}, line says {val!r}')
    seen_l.add(lab)


def check_o(where, st, val, species):
    r = O.get(species)
    if r is None:
        errors.append(f'{where}: no species {species!r} in O')
    elif r[OCOL[st]] != val:
        errors.append(f'{where}: O prints {r[OCOL[st]]!r}, line says {val!r}')
    seen_o.add((species, st))


sv = {}
text = open(f'{REPO}/tests/data/gwp/source_values.csv', encoding='utf-8').read()
lines = [l for l in text.splitlines() if not l.startswith('#')]
assert lines[0] == 'gas,set,value,from,row'
for n, line in enumerate(lines[1:], 2):
    gas, st, val, frm, row = line.split(',', 4)
    where = f'source_values {gas} {st}'
    if (gas, st) in sv:
        errors.append(f'{where}: twice')
    sv[(gas, st)] = val
    if frm == 'L':
        check_l(where, st, val, row)
    elif frm == 'O':
        check_o(where, st, val, row)
    elif frm == 'OL':
        o, lab = row.split(' | ', 1)
        check_o(where, st, val, o)
        check_l(where, st, val, lab)
    elif frm == 'T':
        if (gas, st, val, row) not in T:
            errors.append(f'{where}: not a Table 7.15 value')
    else:
        errors.append(f'{where}: unknown source {frm}')

ns_text = open(f'{REPO}/tests/data/gwp/not_shipped.csv', encoding='utf-8').read()
ns_lines = [l for l in ns_text.splitlines() if not l.startswith('#')]
assert ns_lines[0] == 'id,set,value,reason,row'
for line in ns_lines[1:]:
    gid, st, val, why, lab = line.split(',', 4)
    where = f'not_shipped {gid} {st}'
    check_l(where, st, val, lab)
    if (gid, st) in sv:
        errors.append(f'{where}: also in source_values')
    ok = {
        'one': st in ('AR4', 'AR5') and val == '1',
        'zero': st == 'AR6' and float(val) == 0,
        'lower_bound': st == 'AR4' and lab == 'AR4 PFC-9-1-18',
    }.get(why, False)
    if not ok:
        errors.append(f'{where}: reason {why} does not fit {val!r}')

HEADERS = {'Chlorofluorocarbons', 'Hydrochlorofluorocarbons', 'Hydrofluorocarbons',
           'Chlorocarbons and Hydrochlorocarbons', 'Bromocarbons, Hydrobromocarbons and Halons',
           'Fully Fluorinated Species', 'Halogenated Alcohols and Ethers'}
for lab, r in L.items():
    if lab in seen_l:
        continue
    if r['AR'] == 'AR5' and r['Name'] in HEADERS and r['Value'] == '0':
        continue
    errors.append(f'L row {lab!r} ({r["Value"]}) is in neither file')
for sp, r in O.items():
    for st, col in OCOL.items():
        if r[col] and (sp, st) not in seen_o:
            errors.append(f'O {sp} {st} ({r[col]}) is in no line')

# gwp.csv cells
for r in csv.DictReader(open(f'{REPO}/factors/gwp.csv', newline='', encoding='utf-8')):
    for st in OCOL:
        cell = r[st.lower()]
        want = sv.get((r['gas'], st))
        if (cell or None) != want:
            errors.append(f'gwp.csv {r["gas"]} {st}: {cell!r}, source line {want!r}')

ntotal = len(lrows)
print(f'L rows GWP100: {ntotal}; L rows referenced: {len(seen_l)}; lines: {len(sv)} + {len(ns_lines) - 1} not shipped')
for e in errors:
    print('ERROR', e)
sys.exit(1 if errors else 0)

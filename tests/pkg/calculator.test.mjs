// computeTotals and the prepared Calculator through the package pkg/, via `import` and
// `require`: computeTotals gives the golden results' figures; after every one of many random
// amount edits a Calculator's totals() is the same bits (JSON.stringify keeps every bit of a
// double) as computeTotals() of the edited document object, and an edit the full path refuses
// is refused with the same code and path and changes nothing.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'pkg');
const GOLDEN = join(ROOT, 'tests', 'golden');
if (!existsSync(join(PKG, 'index.cjs'))) {
  throw new Error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
const read = (p) => readFileSync(p, 'utf8');
const viaImport = await import(join(PKG, 'index.mjs'));
const viaRequire = createRequire(import.meta.url)(join(PKG, 'index.cjs'));

const cases = readdirSync(GOLDEN)
  .filter((d) => d !== 'errors' && statSync(join(GOLDEN, d)).isDirectory())
  .filter((d) => existsSync(join(GOLDEN, d, 'input.json')))
  .sort();
const pcf1 = cases.filter((c) => JSON.parse(read(join(GOLDEN, c, 'input.json'))).schema === 'pcf/1');

// The document of benches/product.rs and scripts/bench-wasm.mjs.
function product(n) {
  const F = [
    ['cn.elec.footprint.2023.national', 'kWh'],
    ['cn.elec.co2avg.2022.grid.east', 'kWh'],
    ['worldsteel.ghg.2024.world', 't'],
    ['ipcc2006.fuel.coke_oven_coke.ch4.per-t', 't'],
  ];
  const activities = [];
  for (let i = 0; i < n; i++) {
    const [factor, unit] = F[i % F.length];
    activities.push({ amount: 1.0 + ((i * 37) % 1000) / 10.0, unit, factor, stage: 'production' });
  }
  return {
    schema: 'pcf/1',
    product: { name: `bench ${n}`, sector: 'other', declared_unit: { amount: 1, unit: 'item' } },
    gwp_set: 'AR6',
    boundary: { kind: 'cradle-to-gate', stages: ['production'] },
    reference_period: { start: '2024-01-01', end: '2024-12-31' },
    activities,
  };
}

// Every line with an amount: [path, owner object, key, index].
function lines(doc) {
  const out = [];
  const owner = (o, path) => {
    for (const key of ['activities', 'emissions']) {
      (o[key] || []).forEach((_, i) => out.push({ path: `${path}.${key}[${i}]`, list: o[key], i }));
    }
  };
  owner(doc, '$');
  (doc.components || []).forEach((c, k) => {
    if (!c.declared) owner(c, `$.components[${k}]`);
  });
  return out;
}

// xorshift32: a failure names its seed.
function rng(seed) {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

function newAmount(r, old) {
  switch (r(12)) {
    case 0: return 0;
    case 1: return old;
    case 2: return -(r(1000) / 7) - 0.5;
    case 3: return 1e-300 * (1 + r(9));
    case 4: return (1e15 * (1 + r(9))) / 3;
    case 5: return [NaN, Infinity, -Infinity, -0][r(4)];
    default: return r(1_000_000) / 10 ** r(6);
  }
}

function outcome(fn) {
  try {
    return { ok: JSON.stringify(fn()) };
  } catch (err) {
    return { code: err.code, path: err.path, pcfError: err instanceof viaRequire.PcfError };
  }
}

// `edits` random edits of `doc`, each checked against computeTotals of the edited object.
function check(pcf, name, doc, edits, seed) {
  const calc = new pcf.Calculator(doc);
  const all = lines(doc);
  const declared = (doc.components || []).filter((c) => c.declared).length;
  assert.equal(calc.lineCount, all.length + declared, `${name}: lineCount`);
  const r = rng(seed);
  let current = structuredClone(doc);
  let accepted = 0;
  let refused = 0;
  for (let k = 0; k < edits; k++) {
    const { path, i } = all[r(all.length)];
    const owner = lines(current).find((l) => l.path === path);
    const old = owner.list[i].amount;
    const v = newAmount(r, old);
    const edited = structuredClone(current);
    lines(edited).find((l) => l.path === path).list[i].amount = v;
    const full = outcome(() => pcf.computeTotals(edited));
    const before = outcome(() => calc.totals());
    const line = path.startsWith('$.activities[') && k % 2 === 0 ? Number(path.slice(13, -1)) : path;
    const set = outcome(() => calc.setAmount(line, v) && null);
    const what = `${name} seed ${seed} edit ${k}: ${path} = ${v}`;
    if (set.ok !== undefined) {
      // Accepted line by line: totals() is the full path's figures, or its network error.
      assert.deepEqual(outcome(() => calc.totals()), full, what);
      current = edited;
      accepted += full.ok !== undefined;
      refused += full.ok === undefined;
    } else {
      assert.deepEqual([set.code, set.path, set.pcfError], [full.code, full.path, true], what);
      assert.deepEqual(outcome(() => calc.totals()), before, `${what}: a refused edit changes nothing`);
      refused += 1;
    }
  }
  // The calculator's document has the edited amounts (JSON: -0 is written 0) and computes
  // to its totals.
  const got = calc.document();
  const want = JSON.parse(JSON.stringify(current));
  const amounts = (d) => lines(d).map((l) => l.list[l.i].amount);
  assert.deepEqual(amounts(got), amounts(want), `${name}: document() amounts`);
  assert.deepEqual(outcome(() => pcf.computeTotals(got)), outcome(() => calc.totals()), `${name}: document()`);
  calc.free();
  return { accepted, refused };
}

for (const [how, pcf] of [['import', viaImport], ['require', viaRequire]]) {
  describe(`via ${how}`, () => {
    test('computeTotals gives the golden results\' figures (every case, templates too)', () => {
      for (const c of cases) {
        const t = pcf.computeTotals(read(join(GOLDEN, c, 'input.json')));
        const full = JSON.parse(read(join(GOLDEN, c, 'expected.json')));
        assert.equal(t.schema, 'pcf-totals/1');
        for (const k of ['total_kg_co2e', 'by_stage', 'by_class', 'removals_kg_co2e', 'by_gas', 'by_component']) {
          assert.deepEqual(t[k], full[k], `${c}: ${k}`);
        }
        // Each warning without its list of paths (the first is `path`).
        assert.deepEqual(t.warnings, full.warnings.map(({ code, path, message }) => ({ code, path, message })), `${c}: warnings`);
        assert.deepEqual(t.lines_kg_co2e, full.lines.map((l) => (l.kg_co2e === undefined ? null : l.kg_co2e)), `${c}: lines`);
      }
    });

    test('Calculator: random edits give computeTotals\' bits on every golden pcf/1 case', () => {
      assert.ok(pcf1.length >= 10, `${pcf1.length} pcf/1 cases`);
      let total = 0;
      pcf1.forEach((c, n) => {
        const { accepted, refused } = check(pcf, c, JSON.parse(read(join(GOLDEN, c, 'input.json'))), 150, 11 + n);
        assert.ok(accepted > 30 && refused > 0, `${c}: ${accepted} accepted, ${refused} refused`);
        total += accepted + refused;
      });
      assert.ok(total >= 1500);
    });

    test('Calculator: every kind of line (factor, table selection, inline, input, gases, removal, uncertainty)', () => {
      const doc = JSON.parse(read(join(ROOT, 'tests', 'data', 'calculator-lines.json')));
      for (const seed of [1, 2, 3]) {
        const { accepted, refused } = check(pcf, 'calculator-lines', doc, 300, seed);
        assert.ok(accepted > 80 && refused > 30, `${accepted} accepted, ${refused} refused`);
      }
    });

    test('Calculator: the 1,000-line benchmark product', () => {
      const { accepted } = check(pcf, 'product 1000', product(1000), 40, 5);
      assert.ok(accepted > 20);
    });

    test('Calculator: bad lines and arguments, templates, free()', () => {
      const doc = JSON.parse(read(join(ROOT, 'tests', 'data', 'calculator-lines.json')));
      const calc = new pcf.Calculator(JSON.stringify(doc));
      const err = (fn) => {
        const o = outcome(fn);
        return [o.code, o.path];
      };
      assert.deepEqual(err(() => calc.setAmount(99, 1)), ['invalid_value', 'line']);
      assert.deepEqual(err(() => calc.setAmount(-1, 1)), ['invalid_value', 'line']);
      assert.deepEqual(err(() => calc.setAmount('$.activities[42]', 1)), ['invalid_value', 'line']);
      assert.deepEqual(err(() => calc.setAmount({}, 1)), ['invalid_argument', 'line']);
      assert.deepEqual(err(() => calc.setAmount(0, '120')), ['invalid_document', '$.activities[0].amount']);
      // The uniform uncertainty of line 0 is 100–150.
      assert.deepEqual(err(() => calc.setAmount('$.activities[0].amount', 99)), ['invalid_value', '$.activities[0].uncertainty.min']);
      assert.equal(calc.setAmount('$.components[0].emissions[0]', 0.02), calc, 'chains');
      const template = read(join(GOLDEN, 'example-steel-bf-bof-coil', 'input.json'));
      assert.deepEqual(err(() => new pcf.Calculator(template)), ['unsupported_schema', '$.schema']);
      assert.deepEqual(err(() => new pcf.Calculator('{')), ['malformed_json', '$']);
      calc.free();
      assert.deepEqual(err(() => calc.totals()), ['invalid_argument', 'calculator']);
      calc.free(); // twice is harmless
    });
  });
}

test('import and require export the same Calculator class', () => {
  assert.equal(viaImport.Calculator, viaRequire.Calculator);
  assert.equal(viaImport.computeTotals, viaRequire.computeTotals);
});

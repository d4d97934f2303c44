// Replays the committed inputs of the `bom_csv` fuzzer (fuzz/corpus/bom_csv/ and
// fuzz/regressions/bom_csv/) through the same property the fuzzer checks (fuzz/js/bom.mjs):
// the page's bill-of-materials importer gives valid activity lines or a CsvError naming a row
// and a column, never another exception (SECURITY.md "Fuzzing").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, committedInputs } from '../../fuzz/js/bom.mjs';
import { bomToLines, CsvError } from '../../www/csv.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('every committed bom_csv fuzz input keeps the importer property', () => {
  const inputs = committedInputs();
  assert.ok(inputs.length >= 10, `only ${inputs.length} committed bom_csv inputs`);
  for (const [name, text] of inputs) {
    assert.doesNotThrow(() => check(text), name);
  }
});

test('the property holds on the template and on inputs that must be typed errors', () => {
  // The template passes; a BOM alone, an empty file and a bare header are typed errors.
  check(readFileSync(join(ROOT, 'www', 'bom-template.csv'), 'utf8'));
  for (const [t, row, column] of [['', 1, 'stage'], ['\ufeff', 1, 'stage'], ['stage,amount,unit\n', 2, 'stage'], ['"', 1, 1]]) {
    check(t);
    assert.throws(() => bomToLines(t), (e) => e instanceof CsvError && e.row === row && e.column === column, JSON.stringify(t));
  }
});

// The page's form reads numbers as people type them (issue 21): www/form.js readNumber().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNumber } from '../../www/form.js';

test('plain decimals are read as they are, with nothing to say', () => {
  for (const [s, v] of [['2400', 2400], ['2.5', 2.5], ['.5', 0.5], ['-3', -3], ['1e3', 1000], ['  7 ', 7]]) {
    assert.deepEqual(readNumber(s), { value: v, readAs: null }, s);
  }
});

test('grouping, full-width digits and decimal commas are read, and the reading is said', () => {
  for (const [s, v] of [
    ['2,400', 2400], ['2 400', 2400], ['2\u00a0400', 2400], ['2\u202f400', 2400], ["1'234.5", 1234.5],
    ['1,234,567', 1234567], ['2.400.000', 2400000], ['2,400.5', 2400.5], ['2.400,5', 2400.5], ['1 234,5', 1234.5],
    ['２４００', 2400], ['１．５', 1.5], ['２，４００', 2400], ['－２', -2], ['\u22122,5', -2.5],
    ['2,5', 2.5], ['0,400', 0.4], ['12,34', 12.34], ['-1,5', -1.5],
  ]) {
    assert.deepEqual(readNumber(s), { value: v, readAs: String(v) }, s);
  }
});

test('text that is no number, or groups that do not group, is not a number (the engine names the field)', () => {
  for (const s of ['', 'abc', '2,40,0', '1,2,3', '1.2.3', '2 40', '1,000.5.5', '0,400,000', '2..5', 'NaN', 'Infinity', '1e999']) {
    assert.equal(readNumber(s).value, undefined, s);
  }
});

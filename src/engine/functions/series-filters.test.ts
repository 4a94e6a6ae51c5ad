import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fir, pearson, product } from './series-filters.js';

const SPIKE = [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 40, 100, 40, 20, 10, 0, 0, 0, 0, 0, 0, 0, 0];

test('series_fir: normalized moving average; center keeps the peak in place (series-fir-function.md)', () => {
  const avg = fir(SPIKE, [1, 1, 1, 1, 1]) as number[];
  assert.deepEqual(avg.slice(8, 18), [0, 2, 6, 14, 34, 42, 44, 42, 34, 14]);
  assert.equal(avg.indexOf(44), 14, 'the trailing filter delays the peak by (5-1)/2');
  const centered = fir(SPIKE, [1, 1, 1, 1, 1], true, true) as number[];
  assert.equal(centered.indexOf(44), 12);
  assert.deepEqual(fir([0, 0, 2, 2, 3], [1, -1], false, false), [0, 0, 2, 0, 1]);
  assert.equal(fir([1, 2], [1, -1], true), null, 'normalizing a filter with negative coefficients gives null');
  assert.deepEqual(fir([1, 2], [1, -1]), [1, 1], 'negative coefficients default to no normalization');
  assert.deepEqual(fir([1, null, 3], [1]), [1, 0, 3]);
  assert.equal(fir('x', [1]), null);
});

test('series_product and series_pearson_correlation (series-product-function.md, series-pearson-correlation-function.md)', () => {
  assert.equal(product([1, 2, 3, 4]), 24);
  assert.equal(product([]), 1);
  assert.equal(pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]), 1);
  assert.equal(pearson([1, 2, 3], [3, 2, 1]), -1);
  assert.equal(pearson([1, 2, 3], [1, 2]), null, 'different lengths give null');
  assert.equal(pearson([1, 'a', 3], [1, 2, 3]), null, 'a non-numeric element gives null');
  assert.equal(pearson([1, 1, 1], [1, 2, 3]), null, 'no variance gives null');
});

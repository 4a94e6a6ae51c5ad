import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType } from '../../types/index.js';
import { signatures } from './geo-h3.js';

const ret = (name: string, ...args: ScalarType[]) => {
  const s = signatures.find((x) => x.name === name);
  assert.ok(s, name);
  assert.ok(args.length >= s.minArgs && args.length <= s.maxArgs, `${name} arity ${args.length}`);
  return s.returns(args, args.map(() => undefined));
};

test('return types follow the Kusto analyzer', () => {
  assert.equal(ret('geo_point_to_h3cell', 'real', 'real'), 'string');
  assert.equal(ret('geo_point_to_h3cell', 'real', 'real', 'int'), 'string');
  assert.equal(ret('geo_h3cell_to_central_point', 'string'), 'dynamic');
  assert.equal(ret('geo_h3cell_to_polygon', 'string'), 'dynamic');
  assert.equal(ret('geo_h3cell_children', 'string'), 'dynamic');
  assert.equal(ret('geo_h3cell_children', 'string', 'long'), 'dynamic');
  assert.equal(ret('geo_h3cell_parent', 'string', 'int'), 'string');
  assert.equal(ret('geo_h3cell_level', 'string'), 'int');
  assert.equal(ret('geo_h3cell_neighbors', 'string'), 'dynamic');
  assert.equal(ret('geo_h3cell_rings', 'string', 'int'), 'dynamic');
  assert.equal(ret('geo_polygon_to_h3cells', 'dynamic'), 'dynamic');
  assert.equal(ret('geo_polygon_to_h3cells', 'dynamic', 'int', 'real'), 'dynamic');
});

test('wrongly typed arguments are binding errors', () => {
  assert.ok(typeof ret('geo_point_to_h3cell', 'string', 'real') === 'object');
  assert.ok(typeof ret('geo_h3cell_level', 'long') === 'object');
  assert.ok(typeof ret('geo_h3cell_rings', 'string', 'string') === 'object');
  assert.ok(typeof ret('geo_polygon_to_h3cells', 'string') === 'object');
  assert.ok(typeof ret('geo_polygon_to_h3cells', 'dynamic', 'datetime') === 'object');
});

test('arities match the docs', () => {
  const arity = Object.fromEntries(signatures.map((s) => [s.name, [s.minArgs, s.maxArgs]]));
  assert.deepEqual(arity, {
    geo_point_to_h3cell: [2, 3], geo_h3cell_to_central_point: [1, 1], geo_h3cell_to_polygon: [1, 1],
    geo_h3cell_children: [1, 2], geo_h3cell_parent: [1, 2], geo_h3cell_level: [1, 1],
    geo_h3cell_neighbors: [1, 1], geo_h3cell_rings: [2, 2], geo_polygon_to_h3cells: [1, 3],
  });
});

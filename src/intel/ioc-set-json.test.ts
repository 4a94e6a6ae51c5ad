import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iocSetJsonChunks } from './ioc-set-json.js';
import type { IocSet } from './model.js';

const same = (set: IocSet) => assert.equal([...iocSetJsonChunks(set)].join(''), `${JSON.stringify(set, null, 2)}\n`);

test('chunked output is byte-identical to JSON.stringify(set, null, 2) for tricky values', () => {
  const set = {
    iocs: [
      { type: 'domain', value: 'a.com', tags: [], sources: ['f.csv:1'] },
      { type: 'ipv4', value: '1.2.3.4', port: 443, family: 'Cobalt "Strike"\\x', confidence: 0, firstSeen: '2024-01-01T00:00:00Z', tags: ['é', 'tab\there'], sources: ['a:1', 'b:2'], warnings: ['rfc1918'] },
      { type: 'url', value: 'https://x.org/\u2028\ud800', reference: undefined, tags: ['\ud83d\ude00'], sources: [] },
      { type: 'md5', value: 'ab', extra: { nested: [1, { a: null }] }, tags: [], sources: [] },
      { type: 'sha1', value: 'cd', n: -0, big: 1e21, small: 1.5e-7, nan: NaN, ok: true, nul: null, tags: [null, 2], sources: [] },
      { type: 'sha256', value: 'ef', tags: [, 'x'], sources: [] }, // eslint-disable-line no-sparse-arrays
      {},
    ],
    rejected: [{ source: 's', location: '3', input: 'bad\u0000"', reason: 'why' }],
  } as unknown as IocSet;
  same(set);
  same({ iocs: [], rejected: [] });
  // Across batch boundaries (2000 items per native call).
  const many = Array.from({ length: 4501 }, (_, n) => ({ type: 'domain', value: `d${n}.com`, tags: n % 2 ? [] : ['t'], sources: [`f:${n}`] }));
  same({ iocs: many, rejected: many.slice(0, 2000).map((m) => ({ source: 's', location: m.value, input: m.value, reason: 'r' })) } as unknown as IocSet);
  same({ iocs: many.slice(0, 2000), rejected: [] } as unknown as IocSet);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastCanonical } from './fast-path.js';
import { canonicalize, type ValueHint } from './index.js';

// A leading space defeats the fast path, so canonicalize(' ' + v) is the full (regex/refang) path's answer.
const slow = (v: string, hint: ValueHint) => canonicalize(` ${v}`, hint);

test('fast path agrees with the full path on every value it accepts', () => {
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor((seed / 2147483648) * n); };
  const alphabet = '0123456789abcdefABx.:/';
  const values: string[] = ['1.2.3.4:80', '0.0.0.0:1', '255.255.255.255:65535', '1.2.3.4:080', '1.2.3.4', '10.0.0.1', 'd41d8cd98f00b204e9800998ecf8427e'];
  for (let i = 0; i < 4000; i++) {
    const parts = [rnd(300), rnd(300), rnd(300), rnd(300)].map((n) => (rnd(10) === 0 ? `0${n}` : String(n)));
    values.push(`${parts.join('.')}:${rnd(70000)}`, parts.join('.'));
    let h = '';
    const len = [32, 40, 64, 31, 33][rnd(5)]!;
    for (let j = 0; j < len; j++) h += alphabet[rnd(rnd(20) === 0 ? alphabet.length : 16)];
    values.push(h);
  }
  let accepted = 0;
  for (const v of values) {
    for (const hint of ['ip:port', 'ip', 'ipv4', 'md5', 'sha1', 'sha256'] as const) {
      const f = fastCanonical(v, hint);
      if (!f) continue;
      accepted++;
      assert.deepEqual(f, slow(v, hint), `${hint} ${v}`);
    }
  }
  assert.ok(accepted > 3000);
});

test('fast path declines what it cannot prove canonical', () => {
  for (const [v, hint] of [['01.2.3.4:80', 'ip:port'], ['1.2.3.4:0', 'ip:port'], ['1.2.3.4:65536', 'ip:port'], ['1.2.3.4', 'ip:port'],
    ['256.1.1.1', 'ip'], ['1.2.3', 'ip'], ['1.2.3.4:80', 'ip'], ['D41D8CD98F00B204E9800998ECF8427E', 'md5'], ['d41d8cd98f00b204e9800998ecf8427', 'md5'],
    ['example.com', 'domain'], ['1[.]2.3.4:80', 'ip:port']] as const) {
    assert.equal(fastCanonical(v, hint), undefined, `${hint} ${v}`);
  }
  assert.deepEqual(canonicalize('D41D8CD98F00B204E9800998ECF8427E', 'md5'), { ok: true, type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' });
});

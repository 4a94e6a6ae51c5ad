import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { refang } from './refang.js';
import { importIntelText } from './import.js';

const CORPUS = new URL('../../test/fixtures/intel/defang-corpus.tsv', import.meta.url);

/** Every row of the shared defang corpus: defanged form → expected canonical IOC, read as a one-line write-up. */
const rows = readFileSync(CORPUS, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));

for (const [input, expected, type, note] of rows) {
  test(`defang corpus: ${input} (${note})`, () => {
    const set = importIntelText(input!, 'corpus.txt', { format: 'text', bundledWarninglists: false });
    const got = set.iocs.map((i) => (i.port !== undefined ? `${i.value}:${i.port}` : i.value));
    if (type === 'none') {
      assert.deepEqual(got, [], `${input} is not an IOC`);
      assert.equal(set.rejected.length, 1);
      assert.match(set.rejected[0]!.reason, /file name/);
      return;
    }
    const want = expected!.includes(' port ') ? expected!.replace(' port ', ':') : expected === '(context-dependent)' ? input! : expected!;
    assert.deepEqual(got, [want]);
    const kind = type === 'ip:port' ? ['ipv4', 'ipv6'] : [type];
    assert.ok(kind.includes(set.iocs[0]!.type), `type ${set.iocs[0]!.type}`);
    if (type === 'ip:port') assert.ok(set.iocs[0]!.port !== undefined);
  });
}

test('refang covers every convention, case-insensitively', () => {
  const cases: Array<[string, string]> = [
    ['evil[.]com', 'evil.com'], ['evil(.)com', 'evil.com'], ['evil{.}com', 'evil.com'], ['evil[DOT]com', 'evil.com'],
    ['evil(dot)com', 'evil.com'], ['evil{dot}com', 'evil.com'], ['evil\\.com', 'evil.com'], ['evil[,]com', 'evil.com'],
    ['hXxPs[:]//a[.]b', 'https://a.b'], ['HXXP[://]a[.]b', 'http://a.b'], ['h**p://a.b', 'http://a.b'], ['MEOW://a.b', 'http://a.b'],
    ['fxp://a.b', 'ftp://a.b'], ['a[@]b.c', 'a@b.c'], ['a(@)b.c', 'a@b.c'], ['a{@}b.c', 'a@b.c'], ['a[AT]b.c', 'a@b.c'],
    ['a(at)b.c', 'a@b.c'], ['http://a.b[/]x', 'http://a.b/x'], ['1.2.3.4(:)80', '1.2.3.4:80'],
  ];
  for (const [i, o] of cases) assert.equal(refang(i).text, o, i);
});

test('refang leaves prose alone and marks what it changed', () => {
  assert.equal(refang('the dot com bubble').text, 'the dot com bubble');
  assert.equal(refang('a dot com').text, 'a dot com');
  assert.equal(refang('hxxp without a separator').text, 'hxxp without a separator');
  const r = refang('see net883[.]com now');
  assert.equal(r.text, 'see net883.com now');
  assert.deepEqual([...r.marks.subarray(0, 12)], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
  assert.equal(refang('plain').changed, false);
});

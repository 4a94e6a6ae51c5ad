import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectCommand } from './detect-command.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/detect/nanocore-iocs.json', import.meta.url));

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await detectCommand(argv, { stdout: { write: (s: string) => { out += s; } }, stderr: { write: (s: string) => { err += s; } }, cwd });
  return { code, out, err };
}

test('detect writes the package and reports counts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-detect-cli-'));
  try {
    const r = await run([FIXTURE, '--out', 'pkg'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /3 IOCs -> 29 hunts, \d+ files in pkg/);
    const m = JSON.parse(readFileSync(join(dir, 'pkg', 'manifest.json'), 'utf8'));
    assert.equal(m.iocSet.name, 'nanocore-iocs.json');
    assert.ok(readdirSync(join(dir, 'pkg', 'sentinel')).length > 10);
    assert.match(readFileSync(join(dir, 'pkg', 'report.md'), 'utf8'), /# Nanocore - detection package/);
    const d = await run([FIXTURE, '--out', 'def', '--flavour', 'defender'], dir);
    assert.equal(d.code, 0);
    assert.deepEqual(readdirSync(join(dir, 'def')).sort(), ['defender', 'hunts', 'manifest.json', 'report.md']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without --out the report goes to stdout', async () => {
  const r = await run([FIXTURE], process.cwd());
  assert.equal(r.code, 0);
  assert.match(r.out, /^# Nanocore - detection package/);
});

test('usage and input errors exit 2 with a message on stderr', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-detect-cli-'));
  try {
    writeFileSync(join(dir, 'bad.json'), '{"iocs": 3}');
    writeFileSync(join(dir, 'bad.yaml'), 'scenarios:\n  - name: x\n    when: {nope: [1]}\n');
    writeFileSync(join(dir, 'only.yaml'), 'scenarios:\n  - name: lab\n    when: {host: [lab-01]}\n');
    const cases: [string[], RegExp][] = [
      [[], /missing IOC set file/],
      [['a.json', 'b.json'], /exactly one IOC set file/],
      [[FIXTURE, '--bogus'], /Unknown option '--bogus'/],
      [[FIXTURE, '--flavour', 'splunk'], /--flavour must be sentinel, defender or both/],
      [[FIXTURE, '--replace-exclusions'], /--replace-exclusions needs --exclusions FILE/],
      [['missing.json'], /missing\.json: ENOENT/],
      [['bad.json'], /not an IOC set/],
      [[FIXTURE, '--exclusions', 'bad.yaml'], /bad\.yaml:3:12: unknown condition 'nope'/],
    ];
    for (const [argv, re] of cases) {
      const r = await run(argv, dir);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, re);
      assert.equal(r.out, '');
    }
    const ok = await run([FIXTURE, '--exclusions', 'only.yaml', '--replace-exclusions', '--out', 'p'], dir);
    assert.equal(ok.code, 0, ok.err);
    const report = readFileSync(join(dir, 'p', 'report.md'), 'utf8');
    assert.match(report, /### lab\n/);
    assert.doesNotMatch(report, /scheduled-job-from-system32/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

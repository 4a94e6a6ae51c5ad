import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ioc } from './model.js';
import { bundledWarninglists, loadWarninglistFile, validateWarninglist, WarninglistSet, type Warninglist } from './warninglists.js';

const ioc = (type: Ioc['type'], value: string, port?: number): Ioc => ({ type, value, tags: [], sources: [], ...(port ? { port } : {}) });
const bundled = new WarninglistSet(bundledWarninglists());
const check = (i: Ioc) => bundled.check(i);

test('bundled lists load and include the curated set (and not dynamic-dns)', () => {
  const ids = bundledWarninglists().map((l) => l.id);
  for (const id of ['rfc1918', 'rfc5735', 'rfc6598', 'rfc3849', 'multicast', 'ipv6-linklocal', 'sinkholes', 'cloudflare', 'fastly',
    'url-shortener', 'empty-hashes', 'parking-domain', 'common-ioc-false-positive', 'whats-my-ip', 'kqlite-public-dns-v4', 'public-dns-v6']) {
    assert.ok(ids.includes(id), id);
  }
  assert.ok(!ids.includes('dynamic-dns'));
});

test('cidr lists: private, reserved, CGNAT, multicast, documentation, link-local, resolvers, CDNs', () => {
  assert.deepEqual(check(ioc('ipv4', '10.10.30.110', 1992)), ['rfc1918', 'rfc5735']);
  assert.deepEqual(check(ioc('ipv4', '100.64.1.1')), ['rfc6598']);
  assert.deepEqual(check(ioc('ipv4', '239.1.2.3')), ['multicast', 'rfc5735']);
  assert.deepEqual(check(ioc('ipv6', '2001:db8::1')), ['rfc3849']);
  assert.deepEqual(check(ioc('ipv6', 'fe80::1')), ['ipv6-linklocal']);
  assert.deepEqual(check(ioc('ipv6', '::1', 80)), ['kqlite-ipv6-special']);
  assert.deepEqual(check(ioc('ipv4', '8.8.8.8')), ['kqlite-public-dns-v4']);
  assert.deepEqual(check(ioc('ipv4', '104.16.1.1')), ['cloudflare']);
  assert.deepEqual(check(ioc('ipv4', '45.12.109.195')), []);
  assert.deepEqual(check(ioc('cidr', '10.1.0.0/16')), ['rfc1918', 'rfc5735']);
  assert.deepEqual(check(ioc('cidr', '8.0.0.0/6')), [], 'a range larger than every listed range is not inside one');
});

test('hostname lists match the domain and its subdomains on a dot boundary, also for URL hosts', () => {
  assert.deepEqual(check(ioc('domain', 'bit.ly')), ['url-shortener']);
  assert.deepEqual(check(ioc('domain', 'x.bit.ly')), ['url-shortener']);
  assert.deepEqual(check(ioc('domain', 'xbit.ly')), []);
  assert.deepEqual(check(ioc('url', 'https://bit.ly/abc')), ['url-shortener']);
  assert.deepEqual(check(ioc('domain', 'api.ipify.org')), ['whats-my-ip']);
});

test('string lists: exact values (hashes, domains); a leading dot means "this suffix"', () => {
  assert.deepEqual(check(ioc('md5', 'd41d8cd98f00b204e9800998ecf8427e')), ['common-ioc-false-positive', 'empty-hashes']);
  assert.deepEqual(check(ioc('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')), ['common-ioc-false-positive', 'empty-hashes']);
  assert.deepEqual(check(ioc('domain', 'example.com')), ['rfc6761']);
  assert.deepEqual(check(ioc('domain', 'www.google.co.in')), ['google']);
  assert.deepEqual(check(ioc('domain', 'net883.com')), []);
});

test('matching_attributes limit a list to the IOC types it was written for', () => {
  const l: Warninglist = { name: 'only-urls', description: '', version: 1, type: 'substring', matching_attributes: ['url'], list: ['evil'] };
  const s = new WarninglistSet([l]);
  assert.deepEqual(s.check(ioc('url', 'http://x.com/evil')), ['only-urls']);
  assert.deepEqual(s.check(ioc('domain', 'evil.com')), []);
});

test('regex lists use RE2 (linear time); invalid or PCRE-only entries are skipped', () => {
  const l: Warninglist = { name: 'rx', description: '', version: 1, type: 'regex', list: ['/^cdn\\d+\\.example\\.net$/i', '(?<=x)y', '(a+)+$'] };
  const s = new WarninglistSet([l]);
  assert.deepEqual(s.check(ioc('domain', 'cdn12.example.net')), ['rx']);
  assert.deepEqual(s.check(ioc('domain', 'a'.repeat(5000) + '!.com')), []);
});

test('custom warninglist files are validated against the MISP schema', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-'));
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ name: 'Our CDN', description: 'd', version: 1, type: 'cidr', list: ['203.0.113.0/24'] }));
  const wl = loadWarninglistFile(good);
  assert.deepEqual(new WarninglistSet([wl]).check(ioc('ipv4', '203.0.113.9')), ['Our CDN']);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ name: 'x', type: 'fuzzy', list: [] }));
  assert.throws(() => loadWarninglistFile(bad), (e: Error & { code?: string }) => e.code === 'INT5005' && /'type' must be one of/.test(e.message));
  assert.throws(() => validateWarninglist({ name: 'x', type: 'string', list: [1] }, 'f'), /array of strings/);
  assert.throws(() => loadWarninglistFile(join(dir, 'missing.json')), (e: Error & { code?: string }) => e.code === 'INT5001');
  writeFileSync(bad, '{nope');
  assert.throws(() => loadWarninglistFile(bad), (e: Error & { code?: string }) => e.code === 'INT5005');
});

test('suffix walks stop early yet find multi-label keys (hostname lists and leading-dot string entries)', () => {
  const hosts: Warninglist = { name: 'h', description: '', version: 1, type: 'hostname', list: ['a.b.c.example', 'ly'] };
  const strs: Warninglist = { name: 's', description: '', version: 1, type: 'string', list: ['.deep.co.uk', 'exact.org'] };
  const s = new WarninglistSet([hosts, strs]);
  assert.deepEqual(s.check(ioc('domain', 'x.a.b.c.example')), ['h']);
  assert.deepEqual(s.check(ioc('domain', 'a.b.c.example')), ['h']);
  assert.deepEqual(s.check(ioc('domain', 'b.c.example')), []);
  assert.deepEqual(s.check(ioc('domain', 'zz.bit.ly')), ['h']);
  assert.deepEqual(s.check(ioc('domain', 'q.deep.co.uk')), ['s']);
  assert.deepEqual(s.check(ioc('domain', 'deep.co.uk')), []);
  assert.deepEqual(s.check(ioc('domain', 'exact.org')), ['s']);
  assert.deepEqual(s.check(ioc('url', 'https://m.a.b.c.example/p.q')), ['h']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStixPattern } from './stix-pattern.js';
import { interpretPattern } from './stix-pattern-iocs.js';

function meaning(p: string) {
  const r = parseStixPattern(p);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return interpretPattern(r.ast, p);
}
const values = (p: string) => meaning(p).values.map((v) => `${v.hint} ${v.value}${v.port !== undefined ? `:${v.port}` : ''}`);
const rejectedReason = (p: string) => {
  const m = meaning(p);
  assert.equal(m.values.length, 0, `${p} should yield nothing`);
  return m.rejected.map((r) => r.reason).join(' / ');
};

test('parses comparison and observation expressions with qualifiers', () => {
  const r = parseStixPattern("([ipv4-addr:value = '1.2.3.4'] OR [domain-name:value = 'x.com']) WITHIN 300 SECONDS START t'2026-01-01T00:00:00Z' STOP t'2026-02-01T00:00:00Z'");
  assert.ok(r.ok);
  assert.equal(r.ok && r.ast.kind, 'or');
  assert.deepEqual(r.ok && r.ast.qualifiers.map((q) => q.kind), ['within', 'startstop']);
});

test('syntax errors are reported, not thrown', () => {
  for (const p of ["[ipv4-addr:value = '1.2.3.4'", "ipv4-addr:value = '1.2.3.4'", "[ipv4-addr:value = 'x]", "[ipv4-addr:value ~ 'x']", '', "[a:b = 'x'] AND", "[x:y = 'a\\q']"]) {
    const r = parseStixPattern(p);
    assert.equal(r.ok, false, p);
    assert.match(!r.ok ? r.reason : '', /syntax error/);
  }
  assert.equal(parseStixPattern('('.repeat(50_000)).ok, false);
});

test('single values, OR within and across observations, IN lists', () => {
  assert.deepEqual(values("[ipv4-addr:value = '1.2.3.4']"), ['ip 1.2.3.4']);
  assert.deepEqual(values("[domain-name:value = 'a.com' OR ipv4-addr:value = '1.2.3.4']"), ['domain a.com', 'ip 1.2.3.4']);
  assert.deepEqual(values("[url:value = 'http://a.com/x'] OR [email-addr:value = 'x@a.com']"), ['url http://a.com/x', 'email x@a.com']);
  assert.deepEqual(values("[domain-name:value IN ('a.com', 'b.com')]"), ['domain a.com', 'domain b.com']);
  assert.deepEqual(values("[ipv4-addr:value ISSUBSET '198.51.100.0/24']"), ['ip 198.51.100.0/24']);
  assert.deepEqual(values("[file:hashes.'SHA-256' = 'aa' OR file:hashes.MD5 = 'bb' OR file:hashes.md5 = 'cc' OR file:hashes.'SHA-1' = 'dd']"),
    ['sha256 aa', 'md5 bb', 'md5 cc', 'sha1 dd']);
  assert.deepEqual(values("[(domain-name:value = 'a.com') OR (domain-name:value = 'b.com')]"), ['domain a.com', 'domain b.com']);
});

test('string escapes are decoded', () => {
  assert.deepEqual(values("[url:value = 'http://a.com/it\\'s']"), ["url http://a.com/it's"]);
});

test('AND that describes one object: network-traffic address + port, hashes of one file', () => {
  assert.deepEqual(values("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '68.134.58.120' AND network-traffic:dst_port = 54984]"),
    ['ip 68.134.58.120:54984']);
  assert.deepEqual(values("[network-traffic:dst_ref.value = 'evil.com' AND network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_port = 443]"), ['domain evil.com:443']);
  assert.deepEqual(values("[network-traffic:src_ref.value = '1.2.3.4']"), ['host 1.2.3.4']);
  assert.deepEqual(values("[file:hashes.MD5 = 'aa' AND file:hashes.'SHA-256' = 'bb']"), ['md5 aa', 'sha256 bb']);
  assert.deepEqual(values("[domain-name:value = 'a.com' AND domain-name:value = 'a.com']"), ['domain a.com']);
});

test('what kqlite cannot express is rejected with the reason, never guessed', () => {
  assert.match(rejectedReason("[domain-name:value MATCHES '^evil']"), /MATCHES is a regular expression/);
  assert.match(rejectedReason("[url:value LIKE '%evil%']"), /LIKE is a wildcard/);
  assert.match(rejectedReason("[ipv4-addr:value != '1.2.3.4']"), /'!=' matches everything/);
  assert.match(rejectedReason("[ipv4-addr:value NOT = '1.2.3.4']"), /NOT/);
  assert.match(rejectedReason("[file:name = 'a.exe']"), /comparison on file:name/);
  assert.match(rejectedReason("[file:size > 100]"), /comparison on file:size|compares ranges/);
  assert.match(rejectedReason("[domain-name:value = 'a.com' AND ipv4-addr:value = '1.2.3.4']"), /AND of different objects/);
  assert.match(rejectedReason("[domain-name:value = 'a.com' AND domain-name:value = 'b.com']"), /can never match/);
  assert.match(rejectedReason("[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:src_ref.value = '5.6.7.8']"), /source and destination/);
  assert.match(rejectedReason("[network-traffic:dst_port = 443]"), /without an address/);
  assert.match(rejectedReason("[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:protocols[*] = 'tcp']"), /protocols/);
  assert.match(rejectedReason("[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'a.com']"), /observations joined by AND/);
  assert.match(rejectedReason("[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [domain-name:value = 'a.com']"), /FOLLOWEDBY/);
  assert.match(rejectedReason("[ipv4-addr:value = '1.2.3.4'] REPEATS 5 TIMES"), /REPEATS/);
  assert.match(rejectedReason("[file:hashes.'SHA-512' = 'aa']"), /SHA-512 is not supported/);
  assert.match(rejectedReason("[windows-registry-key:key = 'HKLM\\\\x']"), /windows-registry-key:key/);
});

test('OR keeps the expressible alternatives and rejects the others one by one', () => {
  const m = meaning("[domain-name:value = 'a.com' OR file:name = 'x.exe' OR ipv4-addr:value = '1.2.3.4']");
  assert.deepEqual(m.values.map((v) => v.value), ['a.com', '1.2.3.4']);
  assert.deepEqual(m.rejected, [{ input: "file:name = 'x.exe'", reason: 'comparison on file:name cannot be expressed as an IOC' }]);
});

test('START/STOP qualifiers give the validity window', () => {
  const m = meaning("[ipv4-addr:value = '1.2.3.4'] START t'2026-01-01T00:00:00Z' STOP t'2026-02-01T00:00:00Z'");
  assert.equal(m.start, '2026-01-01T00:00:00Z');
  assert.equal(m.stop, '2026-02-01T00:00:00Z');
});

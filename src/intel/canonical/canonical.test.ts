import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalize, canonicalDomain, canonicalUrl, canonicalCidr, splitHostPort } from './index.js';

const ok = (raw: string, hint: Parameters<typeof canonicalize>[1] = 'auto') => {
  const c = canonicalize(raw, hint);
  assert.ok(c.ok, `${raw}: ${c.ok ? '' : c.reason}`);
  return c;
};
const bad = (raw: string, hint: Parameters<typeof canonicalize>[1], reason: RegExp) => {
  const c = canonicalize(raw, hint);
  assert.equal(c.ok, false, `${JSON.stringify(raw)} should be rejected`);
  if (!c.ok) assert.match(c.reason, reason);
};

test('IPv4: canonical dotted quad, octet range, leading zeros rejected as ambiguous', () => {
  assert.deepEqual(ok('68.134.58.120'), { ok: true, type: 'ipv4', value: '68.134.58.120' });
  bad('999.1.1.1', 'ip', /out of range/);
  bad('010.1.1.1', 'ip', /leading zero/);
  bad('1.2.3', 'ip', /./);
  bad('0x7f.0.0.1', 'ip', /./);
});

test('ip:port splits on the last colon; brackets removed; port range checked', () => {
  assert.deepEqual(ok('68.134.58.120:54984', 'ip:port'), { ok: true, type: 'ipv4', value: '68.134.58.120', port: 54984 });
  assert.deepEqual(ok('2a02:cf40:1::5:40669', 'ip:port'), { ok: true, type: 'ipv6', value: '2a02:cf40:1::5', port: 40669 });
  assert.deepEqual(ok('[::1]:80'), { ok: true, type: 'ipv6', value: '::1', port: 80 });
  assert.deepEqual(ok('[2001:DB8::1]:443', 'ip:port'), { ok: true, type: 'ipv6', value: '2001:db8::1', port: 443 });
  bad('1.2.3.4:99999', 'auto', /port 99999 is out of range/);
  bad('1.2.3.4:0', 'ip:port', /out of range/);
  bad('1.2.3.4', 'ip:port', /expected ip:port/);
  bad('1.2.3.4:80a', 'ip:port', /invalid port/);
  assert.deepEqual(splitHostPort('2001:db8::1', false), { host: '2001:db8::1' });
  assert.deepEqual(splitHostPort('2001:db8::1:80', true), { host: '2001:db8::1', port: '80' });
});

test('IPv6: RFC 5952 lower-case compressed; IPv4-mapped becomes IPv4; zone ids rejected', () => {
  assert.deepEqual(ok('2001:0DB8:0000:0000:0000:0000:0000:0001'), { ok: true, type: 'ipv6', value: '2001:db8::1' });
  assert.deepEqual(ok('::ffff:1.2.3.4', 'ip'), { ok: true, type: 'ipv4', value: '1.2.3.4' });
  bad('fe80::1%eth0', 'ip', /zone/);
  bad('1::2::3', 'ip', /./);
});

test('CIDR: network address form; host routes become plain IPs; /0 rejected', () => {
  assert.deepEqual(canonicalCidr('223.166.0.0/15'), { ok: true, type: 'cidr', value: '223.166.0.0/15' });
  assert.deepEqual(canonicalCidr('10.1.2.3/8'), { ok: true, type: 'cidr', value: '10.0.0.0/8' });
  assert.deepEqual(canonicalCidr('1.2.3.4/32'), { ok: true, type: 'ipv4', value: '1.2.3.4' });
  assert.deepEqual(canonicalCidr('2001:DB8::/32'), { ok: true, type: 'cidr', value: '2001:db8::/32' });
  assert.equal(canonicalCidr('0.0.0.0/0').ok, false);
  assert.equal(canonicalCidr('1.2.3.4/33').ok, false);
  bad('10.0.0.0/8:80', 'auto', /CIDR|port/);
});

test('domains: lower-case, trailing dot dropped, punycode, known public suffix required', () => {
  assert.deepEqual(ok('NET883.COM.'), { ok: true, type: 'domain', value: 'net883.com' });
  assert.deepEqual(ok('пример.рф', 'domain'), { ok: true, type: 'domain', value: 'xn--e1afmkfd.xn--p1ai' });
  assert.deepEqual(ok('c2_node.net883.com', 'domain'), { ok: true, type: 'domain', value: 'c2_node.net883.com' });
  assert.deepEqual(ok('peralaca.workers.dev', 'domain'), { ok: true, type: 'domain', value: 'peralaca.workers.dev' });
  assert.deepEqual(ok('evil.com:8080', 'domain'), { ok: true, type: 'domain', value: 'evil.com', port: 8080 });
  bad('nanocore.exe', 'domain', /unknown public suffix '\.exe'/);
  bad('co.uk', 'domain', /public suffix, not a domain/);
  bad('workers.dev', 'domain', /public suffix/);
  bad('localhost', 'domain', /two labels/);
  bad('-evil.com', 'domain', /hyphen/);
  bad('a..com', 'domain', /empty label/);
});

test('hostile values never pass: quotes, brackets, pipes, whitespace, controls, huge values', () => {
  bad('evil.com"]);', 'domain', /invalid character '"'/);
  bad("evil.com' or 1=1", 'domain', /./);
  bad('a b.com', 'domain', /whitespace/);
  bad('evil.com\nx', 'domain', /control character U\+000A/);
  bad('evil\u0000.com', 'auto', /control character U\+0000/);
  bad('evil|x.com', 'domain', /invalid character '\|'/);
  bad('evil.com)', 'domain', /invalid character '\)'/);
  bad('x'.repeat(10_000) + '.com', 'domain', /longer than/);
  bad('http://' + 'a'.repeat(10_000) + '.com/', 'url', /longer than/);
  bad('http://evil.com/a b', 'url', /whitespace/);
  bad('http://evil.com/"x"', 'url', /invalid character '"'/);
  bad('http://evil.com/\u0007', 'url', /control character/);
  bad('', 'auto', /empty/);
});

test('URLs: scheme and host lower-cased, default port dropped, path and query kept verbatim', () => {
  const u = canonicalUrl('HTTP://Net883.COM:80/Gate.PHP?A=B#F');
  assert.ok(u.ok);
  assert.equal(u.ok && u.value, 'http://net883.com/Gate.PHP?A=B#F');
  assert.equal((canonicalUrl('https://x.net883.com:443') as { value: string }).value, 'https://x.net883.com');
  assert.equal((canonicalUrl('https://x.net883.com:8443/a') as { value: string }).value, 'https://x.net883.com:8443/a');
  assert.equal((canonicalUrl('http://[2001:DB8::1]:8080/x') as { value: string }).value, 'http://[2001:db8::1]:8080/x');
  assert.equal((canonicalUrl('http://1.2.3.4/x') as { value: string }).value, 'http://1.2.3.4/x');
  assert.equal((canonicalUrl('https://qoto.io/x') as { value: string }).value, 'https://qoto.io/x', 'a URL host may be a public suffix');
  assert.deepEqual(ok('hxxps://net883[.]com/a', 'url'), { ok: true, type: 'url', value: 'https://net883.com/a' });
  bad('net883.com/gate.php', 'url', /without scheme/);
  bad('javascript://x.com/', 'url', /unsupported URL scheme/);
  bad('http://999.1.1.1/', 'url', /URL host/);
  bad('http://evil.com:99999/', 'url', /port/);
});

test('hashes: lower-case hex, type from length, declared type must match', () => {
  assert.deepEqual(ok('D41D8CD98F00B204E9800998ECF8427E'), { ok: true, type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' });
  assert.equal(ok('a'.repeat(40), 'hash').type, 'sha1');
  assert.equal(ok('b'.repeat(64), 'hash').type, 'sha256');
  bad('a'.repeat(40), 'md5', /md5 must be 32 hex digits, got 40/);
  bad('g'.repeat(32), 'md5', /not hexadecimal/);
  bad('a'.repeat(128), 'hash', /unsupported hash length 128/);
});

test('emails: domain canonical, local part kept', () => {
  assert.deepEqual(ok('Bad.Guy@NET883.com'), { ok: true, type: 'email', value: 'Bad.Guy@net883.com' });
  assert.deepEqual(ok('bad[at]net883[.]com', 'email'), { ok: true, type: 'email', value: 'bad@net883.com' });
  bad('bad@evil', 'email', /email domain/);
  bad('a b@evil.com', 'email', /local part/);
});

test('canonicalDomain is idempotent on its own output', () => {
  for (const d of ['net883.com', 'xn--e1afmkfd.xn--p1ai', 'a-b.co.uk']) {
    const c = canonicalDomain(d);
    assert.ok(c.ok);
    assert.equal(c.ok && c.value, d);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { kernels, parseIpv4, parseIpv6, v6Text, v4Mask, ipv4sInText, rangeToCidrs } from './ip.js';

const ctx = { now: 0n, random: () => 0 };
function call(name: string, types: ScalarType[], ...args: Value[]): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(types, args.map(() => undefined), ctx)(...args);
}
const S: ScalarType = 'string';

test('parse_ipv4 and parse_ipv4_mask', () => {
  assert.deepEqual(['192.168.1.1', '192.168.1.1/24', '255.255.255.255/31'].map((s) => call('parse_ipv4', [S], s)),
    [3232235777n, 3232235776n, 4294967294n]);
  assert.equal(call('parse_ipv4', [S], '10.0.0.256'), null);
  assert.equal(call('parse_ipv4', [S], '10.0.0'), null);
  assert.equal(call('parse_ipv4', [S], '10.0.0.1/33'), null);
  assert.equal(call('parse_ipv4', [S], ' 10.0.0.1 '), 167772161n);
  assert.equal(call('parse_ipv4', [S], ''), null);
  assert.equal(call('parse_ipv4_mask', [S, 'long'], '10.1.2.3', 24n), 167838208n);
  assert.equal(call('parse_ipv4_mask', [S, 'long'], '10.1.2.3/16', 24n), 167837696n);
  assert.equal(call('parse_ipv4_mask', [S, 'long'], '10.1.2.3', 40n), null);
  assert.equal(v4Mask(0), 0);
  assert.equal(v4Mask(32), 0xffffffff);
});

test('ipv4_is_private', () => {
  assert.deepEqual(['10.1.2.3', '192.168.1.1/24', '127.0.0.1', '10.1.2.3/24', '202.1.2.3', '172.16.0.1', '172.32.0.1'].map(
    (s) => call('ipv4_is_private', [S], s)), [true, true, false, true, false, true, false]);
  assert.equal(call('ipv4_is_private', [S], 'nope'), null);
});

test('ipv4_compare and ipv4_is_match: doc examples', () => {
  const pairs = [['192.168.1.0', '192.168.1.0'], ['192.168.1.1/24', '192.168.1.255'], ['192.168.1.1', '192.168.1.255/24'], ['192.168.1.1/30', '192.168.1.255/24']];
  assert.deepEqual(pairs.map(([a, b]) => call('ipv4_compare', [S, S], a!, b!)), [0n, 0n, 0n, 0n]);
  assert.deepEqual(pairs.map(([a, b]) => call('ipv4_is_match', [S, S], a!, b!)), [true, true, true, true]);
  const withPrefix: [string, string, bigint][] = [['192.168.1.1', '192.168.1.0', 31n], ['192.168.1.1/24', '192.168.1.255', 31n], ['192.168.1.1', '192.168.1.255', 24n]];
  assert.deepEqual(withPrefix.map(([a, b, p]) => call('ipv4_compare', [S, S, 'long'], a, b, p)), [0n, 0n, 0n]);
  assert.equal(call('ipv4_is_match', [S, S], '192.168.1.1/24', '192.168.1.255'), true);
  assert.equal(call('ipv4_compare', [S, S], '10.0.0.1', '10.0.0.2'), -1n);
  assert.equal(call('ipv4_compare', [S, S], '10.0.0.3', '10.0.0.2'), 1n);
  assert.equal(call('ipv4_is_match', [S, S], '10.0.0.3', '10.0.0.2'), false);
  assert.equal(call('ipv4_compare', [S, S], '10.0.0.3', 'x'), null);
});

test('ipv4_is_in_range / ipv4_is_in_any_range: doc examples', () => {
  assert.equal(call('ipv4_is_in_range', [S, S], '192.168.1.1', '192.168.1.1'), true);
  assert.equal(call('ipv4_is_in_range', [S, S], '192.168.1.1', '192.168.1.255/24'), true);
  assert.equal(call('ipv4_is_in_range', [S, S], '192.168.2.1', '192.168.1.255/24'), false);
  assert.equal(call('ipv4_is_in_range', [S, S], 'bad', '192.168.1.255/24'), null);
  assert.equal(call('ipv4_is_in_any_range', [S, S, S, S], '192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16'), true);
  assert.equal(call('ipv4_is_in_any_range', [S, 'dynamic'], '127.0.0.1', ['127.0.0.1', '192.168.1.1']), true);
  const nets = ['192.168.1.1/16', '127.0.0.1/8', '10.0.0.1/8'];
  assert.deepEqual(['10.1.2.3', '192.168.1.5', '123.1.11.21', '1.1.1.1'].map((ip) => call('ipv4_is_in_any_range', [S, 'dynamic'], ip, nets)),
    [true, true, false, false]);
  assert.equal(call('ipv4_is_in_any_range', [S, 'dynamic'], 'x', nets), null);
  assert.equal(call('ipv4_is_in_any_range', [S, 'dynamic'], '1.1.1.1', ['bad']), null);
});

test('ipv4_netmask_suffix, format_ipv4, format_ipv4_mask: doc examples', () => {
  assert.deepEqual(['10.1.2.3', '192.168.1.1/24', '127.0.0.1/16'].map((s) => call('ipv4_netmask_suffix', [S], s)), [32n, 24n, 16n]);
  const rows: [string, bigint][] = [['192.168.1.1', 24n], ['192.168.1.1', 32n], ['192.168.1.1/24', 32n], ['192.168.1.1/24', -1n]];
  assert.deepEqual(rows.map(([a, m]) => call('format_ipv4', [S, 'long'], a, m)), ['192.168.1.0', '192.168.1.1', '192.168.1.0', '']);
  assert.deepEqual(rows.map(([a, m]) => call('format_ipv4_mask', [S, 'long'], a, m)), ['192.168.1.0/24', '192.168.1.1/32', '192.168.1.0/24', '']);
  assert.equal(call('format_ipv4', ['long'], 3232235777n), '192.168.1.1');
  assert.equal(call('format_ipv4', ['long', 'int'], 3232235777n, 16), '192.168.0.0');
  assert.equal(call('format_ipv4', ['long'], -1n), '');
  assert.equal(call('format_ipv4_mask', [S, 'long'], '10.1.2.3', 32n), '10.1.2.3/32');
});

test('parse_ipv6 / parse_ipv6_mask: doc examples', () => {
  assert.deepEqual(['192.168.255.255', '192.168.255.255/24', '255.255.255.255'].map((s) => call('parse_ipv6', [S], s)),
    ['0000:0000:0000:0000:0000:ffff:c0a8:ffff', '0000:0000:0000:0000:0000:ffff:c0a8:ff00', '0000:0000:0000:0000:0000:ffff:ffff:ffff']);
  const rows: [string, bigint, string][] = [
    ['192.168.255.255', 120n, '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
    ['192.168.255.255/24', 124n, '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
    ['255.255.255.255', 128n, '0000:0000:0000:0000:0000:ffff:ffff:ffff'],
    ['fe80::85d:e82c:9446:7994', 128n, 'fe80:0000:0000:0000:085d:e82c:9446:7994'],
    ['fe80::85d:e82c:9446:7994/120', 124n, 'fe80:0000:0000:0000:085d:e82c:9446:7900'],
    ['::192.168.255.255', 128n, '0000:0000:0000:0000:0000:ffff:c0a8:ffff'],
    ['::192.168.255.255/24', 128n, '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
  ];
  for (const [ip, m, want] of rows) assert.equal(call('parse_ipv6_mask', [S, 'long'], ip, m), want, ip);
  assert.equal(call('parse_ipv6', [S], 'fe80::1%eth0'), '');
  assert.equal(call('parse_ipv6', [S], '1::2::3'), '');
  assert.equal(call('parse_ipv6_mask', [S, 'long'], '::1', 129n), '');
  assert.equal(v6Text(parseIpv6('::')!.addr), '0000:0000:0000:0000:0000:0000:0000:0000');
  assert.equal(parseIpv4('1.2.3.4/0')!.prefix, 0);
});

test('ipv6_compare / ipv6_is_match: doc examples', () => {
  const pairs = [
    ['192.168.1.1', '192.168.1.1'], ['192.168.1.1/24', '192.168.1.255'], ['192.168.1.1', '192.168.1.255/24'],
    ['192.168.1.1/30', '192.168.1.255/24'], ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7994'],
    ['fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998'], ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7998/120'],
    ['fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998/120'], ['192.168.1.1', '::ffff:c0a8:0101'],
    ['192.168.1.1/24', '::ffff:c0a8:01ff'], ['::ffff:c0a8:0101', '192.168.1.255/24'], ['::192.168.1.1/30', '192.168.1.255/24'],
  ];
  for (const [a, b] of pairs) {
    assert.equal(call('ipv6_compare', [S, S], a!, b!), 0n, `${a} vs ${b}`);
    assert.equal(call('ipv6_is_match', [S, S], a!, b!), true, `${a} vs ${b}`);
  }
  const withPrefix: [string, string, bigint][] = [
    ['192.168.1.1', '192.168.1.0', 31n], ['192.168.1.1/24', '192.168.1.255', 31n], ['192.168.1.1', '192.168.1.255', 24n],
    ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127n], ['fe80::85d:e82c:9446:7994/127', 'fe80::85d:e82c:9446:7998', 120n],
    ['fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998', 127n], ['192.168.1.1/24', '::ffff:c0a8:01ff', 127n],
    ['::ffff:c0a8:0101', '192.168.1.255', 120n], ['::192.168.1.1/30', '192.168.1.255/24', 127n],
  ];
  for (const [a, b, p] of withPrefix) assert.equal(call('ipv6_is_match', [S, S, 'long'], a, b, p), true, `${a} vs ${b} /${p}`);
  assert.equal(call('ipv6_compare', [S, S], 'fe80::1', 'fe80::2'), -1n);
  assert.equal(call('ipv6_compare', [S, S], 'fe80::1', 'junk'), null);
});

test('ipv6_is_in_range / ipv6_is_in_any_range: doc examples', () => {
  const ip = 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd';
  assert.equal(call('ipv6_is_in_range', [S, S], ip, 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112'), true);
  assert.equal(call('ipv6_is_in_range', [S, S], ip, ip), true);
  assert.equal(call('ipv6_is_in_range', [S, S], ip, '0:0:0:0:0:ffff:c0a8:ac/60'), false);
  const nets = ['a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112', '0:0:0:0:0:ffff:c0a8:ac/60'];
  assert.deepEqual(['abcd', 'abce', 'abcf'].map((t) => call('ipv6_is_in_any_range', [S, 'dynamic'], `a5e:f127:8a9d:146d:e102:b5d3:c755:${t}`, nets)),
    [true, true, true]);
  assert.equal(call('ipv6_is_in_any_range', [S, 'dynamic'], 'a5e:f127:8a9d:146d:e102:b5d3:c756:abd1', nets), false);
  assert.equal(call('ipv6_is_in_any_range', [S, S, S], '10.1.1.1', '::1', '10.0.0.0/8'), true);
});

test('has_ipv4 / has_ipv4_prefix / has_any_*: doc examples', () => {
  const log = '05:04:54 127.0.0.1 GET /favicon.ico 404';
  assert.equal(call('has_ipv4', [S, S], log, '127.0.0.1'), true);
  assert.equal(call('has_ipv4', [S, S], '05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.0.256'), false);
  assert.equal(call('has_ipv4', [S, S], '05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1'), false);
  assert.equal(call('has_ipv4_prefix', [S, S], log, '127.0.'), true);
  assert.equal(call('has_ipv4_prefix', [S, S], log, '127.0'), false);
  assert.equal(call('has_ipv4_prefix', [S, S], '05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.'), false);
  assert.equal(call('has_ipv4_prefix', [S, S], '05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.'), false);
  assert.equal(call('has_any_ipv4', [S, S, S], log, '127.0.0.1', '127.0.0.2'), true);
  assert.equal(call('has_any_ipv4', [S, 'dynamic'], log, ['127.0.0.1', '127.0.0.2']), true);
  assert.equal(call('has_any_ipv4', [S, 'dynamic'], '05:04:54 127.0.0.256 GET /favicon.ico 404', ['127.0.0.256', '192.168.1.1']), false);
  assert.equal(call('has_any_ipv4', [S, S, S], '05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '192.168.1.1'), false);
  assert.equal(call('has_any_ipv4_prefix', [S, S, S], log, '127.0.', '192.168.'), true);
  assert.equal(call('has_any_ipv4_prefix', [S, 'dynamic'], log, ['127.0.', '192.168.']), true);
  assert.equal(call('has_any_ipv4_prefix', [S, S], log, '127.0'), false);
  assert.equal(call('has_any_ipv4_prefix', [S, S, S], '05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.', '192.'), false);
});

test('ipv4 text scanning: delimiters and sentence ends', () => {
  assert.deepEqual(ipv4sInText('from: 192.168.1.1, 10.1.1.115 and 10.1.1.201.'), [[192, 168, 1, 1], [10, 1, 1, 115], [10, 1, 1, 201]]);
  assert.deepEqual(ipv4sInText('a10.0.0.1 1.2.3.4.5 10.0.0.1x'), []);
  assert.equal(call('has_ipv4', [S, S], 'src=10.0.0.1;dst=8.8.8.8', '8.8.8.8'), true);
  assert.equal(call('has_ipv4', [S, S], 'x', 'not an ip'), false);
  assert.equal(call('has_ipv4', [S, S], '.'.repeat(200_000) + 'x 1.2.3.4', '1.2.3.4'), true);
});

test('ipv4_range_to_cidr_list: doc example', () => {
  assert.deepEqual(call('ipv4_range_to_cidr_list', [S, S], '1.1.128.0', '1.1.140.255'), ['1.1.128.0/21', '1.1.136.0/22', '1.1.140.0/24']);
  assert.deepEqual(rangeToCidrs(0, 0xffffffff), ['0.0.0.0/0']);
  assert.deepEqual(call('ipv4_range_to_cidr_list', [S, S], '10.0.0.5', '10.0.0.5'), ['10.0.0.5/32']);
  assert.deepEqual(call('ipv4_range_to_cidr_list', [S, S], '10.0.0.9', '10.0.0.5'), []);
  assert.equal(call('ipv4_range_to_cidr_list', [S, S], 'x', '10.0.0.5'), null);
});

test('IPv6 text forms', () => {
  const t = (s: string) => { const x = parseIpv6(s); return x ? v6Text(x.addr) : null; };
  assert.equal(t('1:2:3:4:5:6:7:8'), '0001:0002:0003:0004:0005:0006:0007:0008');
  assert.equal(t('1:2:3:4:5:6:7::'), '0001:0002:0003:0004:0005:0006:0007:0000');
  assert.equal(t('::'), '0000:0000:0000:0000:0000:0000:0000:0000');
  assert.equal(t('1::'), '0001:0000:0000:0000:0000:0000:0000:0000');
  assert.equal(t('FE80::ABCD'), 'fe80:0000:0000:0000:0000:0000:0000:abcd');
  assert.equal(t('::ffff:1.2.3.4'), '0000:0000:0000:0000:0000:ffff:0102:0304');
  assert.equal(t('64:ff9b::1.2.3.4'), '0064:ff9b:0000:0000:0000:0000:0102:0304');
  for (const bad of ['1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', ':1::2', '1::2::3', '12345::', 'g::', '::1.2.3', '1.2.3.4::', '::1.2.3.4:5', '', ':::']) {
    assert.equal(t(bad), null, bad);
  }
  assert.equal(parseIpv6('fe80::/10')!.prefix, 10);
  assert.equal(parseIpv6('10.0.0.0/8')!.prefix, 104);
  assert.equal(parseIpv6('::1/129'), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { jsonPathSelect, kernels, parseWindowsCommandLine, urlDecode } from './text-parse.js';

const ctx = { now: 0n, random: () => 0.5 };
function call(name: string, types: ScalarType[], args: Value[], consts: (Value | undefined)[] = []): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(types, consts, ctx)(...args);
}

test('parse_url: docs example (Path keeps its leading slash), missing parts, not a URL', () => {
  assert.deepEqual(call('parse_url', ['string'], ['scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment']), {
    Scheme: 'scheme', Host: 'host', Port: '1234', Path: '/this/is/a/path', Username: 'username', Password: 'password',
    'Query Parameters': { k1: 'v1', k2: 'v2' }, Fragment: 'fragment',
  });
  assert.deepEqual(call('parse_url', ['string'], ['https://contoso.com']), {
    Scheme: 'https', Host: 'contoso.com', Port: '', Path: '', Username: '', Password: '', 'Query Parameters': {}, Fragment: '',
  });
  assert.deepEqual((call('parse_url', ['string'], ['http://[::1]:8080/a?q=%41+b']) as Record<string, unknown>)['Query Parameters'], { q: 'A b' });
  assert.equal((call('parse_url', ['string'], ['http://[::1]:8080/a']) as Record<string, unknown>)['Host'], '[::1]');
  assert.deepEqual(call('parse_url', ['string'], ['bing.com']), {});
});

test('parse_urlquery: parameters decoded under "Query Parameters"', () => {
  assert.deepEqual(call('parse_urlquery', ['string'], ['k1=v1&k2=v2&k3=v3']), { 'Query Parameters': { k1: 'v1', k2: 'v2', k3: 'v3' } });
  assert.deepEqual(call('parse_urlquery', ['string'], ['?a=https%3A%2F%2Fx.com%2F&flag']), { 'Query Parameters': { a: 'https://x.com/', flag: '' } });
});

test('parse_path: docs examples', () => {
  const row = (Scheme: string, RootPath: string, DirectoryPath: string, DirectoryName: string, Filename: string, Extension: string, AlternateDataStreamName: string) =>
    ({ Scheme, RootPath, DirectoryPath, DirectoryName, Filename, Extension, AlternateDataStreamName });
  const p = (s: string) => call('parse_path', ['string'], [s]);
  assert.deepEqual(p('C:\\temp\\file.txt'), row('', 'C:', 'C:\\temp', 'temp', 'file.txt', 'txt', ''));
  assert.deepEqual(p('temp\\file.txt'), row('', '', 'temp', 'temp', 'file.txt', 'txt', ''));
  assert.deepEqual(p('file://C:/temp/file.txt:some.exe'), row('file', 'C:', 'C:/temp', 'temp', 'file.txt', 'txt', 'some.exe'));
  assert.deepEqual(p('\\\\shared\\users\\temp\\file.txt.gz'), row('', '', '\\\\shared\\users\\temp', 'temp', 'file.txt.gz', 'gz', ''));
  assert.deepEqual(p('/usr/lib/temp/file.txt'), row('', '', '/usr/lib/temp', 'temp', 'file.txt', 'txt', ''));
  assert.deepEqual(p('README'), row('', '', '', '', 'README', '', ''));
});

test('parse_command_line: docs example and Windows quoting rules', () => {
  assert.deepEqual(call('parse_command_line', ['string', 'string'], ['echo "hello world!"', 'windows']), ['echo', 'hello world!']);
  assert.deepEqual(parseWindowsCommandLine('"C:\\Program Files\\a.exe" -x "a b" c\\\\"d e" f\\"g h\\\\\\"i'),
    ['C:\\Program Files\\a.exe', '-x', 'a b', 'c\\d e', 'f"g', 'h\\"i']);
  assert.deepEqual(parseWindowsCommandLine('  cmd.exe   /c   whoami  '), ['cmd.exe', '/c', 'whoami']);
  assert.deepEqual(parseWindowsCommandLine('a "b""c" d'), ['a', 'b"c', 'd']);
  assert.deepEqual(parseWindowsCommandLine('C:\\dir\\x.exe a\\b'), ['C:\\dir\\x.exe', 'a\\b']);
  assert.deepEqual(parseWindowsCommandLine(''), []);
  assert.equal(call('parse_command_line', ['string', 'string'], ['a b', 'linux']), null);
});

test('url_encode / url_encode_component / url_decode: docs examples and round trips', () => {
  assert.equal(call('url_encode', ['string'], ['https://www.bing.com/hello world']), 'https%3a%2f%2fwww.bing.com%2fhello+world');
  assert.equal(call('url_encode_component', ['string'], ['https://www.bing.com/hello world']), 'https%3a%2f%2fwww.bing.com%2fhello%20world');
  assert.equal(call('url_decode', ['string'], ['https%3a%2f%2fwww.bing.com%2f']), 'https://www.bing.com/');
  assert.equal(call('url_decode', ['string'], ['a+b%20c%E2%82%AC%zz%']), 'a b c€%zz%');
  assert.equal(urlDecode('😀%F0%9F%98%80+x', false), '😀😀+x');
  const s = 'ünïcödé & <tags> ?=# 😀';
  assert.equal(urlDecode(call('url_encode', ['string'], [s]) as string), s);
});

test('base64: docs examples, strictness, guids', () => {
  assert.equal(call('base64_encode_tostring', ['string'], ['Kusto']), 'S3VzdG8=');
  assert.equal(call('base64_decode_tostring', ['string'], ['S3VzdG8=']), 'Kusto');
  assert.equal(call('base64_decode_tostring', ['string'], ['S3VzdG8']), '');
  assert.equal(call('base64_decode_tostring', ['string'], ['/w==']), ''); // 0xFF is not UTF-8
  assert.deepEqual(call('base64_decode_toarray', ['string'], ['S3VzdG8=']), [75, 117, 115, 116, 111]);
  const arr = call('base64_decode_toarray', ['string'], ['U3RyaW5n0KHR0tGA0L7Rh9C60LA']);
  assert.equal(call('base64_encode_fromarray', ['dynamic'], [arr]), '');
  assert.equal(call('base64_encode_fromarray', ['dynamic'], [[75, 117, 115, 116, 111]]), 'S3VzdG8=');
  assert.equal(call('base64_encode_fromguid', ['guid'], ['ae3133f2-6e22-49ae-b06a-16e6a9b212eb']), '8jMxriJurkmwahbmqbIS6w==');
  assert.equal(call('base64_decode_toguid', ['string'], ['8jMxriJurkmwahbmqbIS6w==']), 'ae3133f2-6e22-49ae-b06a-16e6a9b212eb');
  // The docs print 10e99626-bc2b-754c-…; .NET's Guid(byte[]) layout (used above, consistent with the
  // base64_encode_fromguid example) gives 4c75 for the third group.
  assert.equal(call('base64_decode_toguid', ['string'], ['JpbpECu8dUy7Pv5gbeJXAA==']), '10e99626-bc2b-4c75-bb3e-fe606de25700');
  assert.equal(call('base64_decode_toguid', ['string'], ['S3VzdG8=']), null);
});

test('extract_json: docs example, typed, paths', () => {
  const json = '{"name": "John", "age": 30, "city": "New York", "tags": ["a", "b"], "o": {"k.x": 1}}';
  assert.equal(call('extract_json', ['string', 'string', 'string'], ['$.name', json, 'string'], [undefined, undefined, 'string']), 'John');
  assert.equal(call('extract_json', ['string', 'string'], ['$.age', json]), '30');
  assert.equal(call('extract_json', ['string', 'string', 'string'], ['$.age', json, 'long'], [undefined, undefined, 'long']), 30n);
  assert.equal(call('extract_json', ['string', 'string'], ['$.tags[1]', json]), 'b');
  assert.equal(call('extract_json', ['string', 'string'], ['$.tags', json]), '["a","b"]');
  assert.equal(call('extract_json', ['string', 'string'], ["$.o['k.x']", json]), '1');
  assert.equal(call('extract_json', ['string', 'string'], ['$.missing', json]), '');
  assert.equal(call('extract_json', ['string', 'string'], ['$.name', 'not json']), '');
  assert.equal(jsonPathSelect([1, 2, 3], '$[-1]'), 3);
  assert.equal(jsonPathSelect({ a: 1 }, 'a'), undefined);
});

test('punycode: docs examples and round trips', () => {
  assert.equal(call('punycode_from_string', ['string'], ['académie-française']), 'acadmie-franaise-npb1a');
  assert.equal(call('punycode_to_string', ['string'], ['acadmie-franaise-npb1a']), 'académie-française');
  const domains: [string, string][] = [
    ['xn--Ge-mia.Bulg.edu', 'Gáe.Bulg.edu'],
    ['xn--Lin-8na.Celtchair.org', 'Lúin.Celtchair.org'],
    ['xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com', 'Rúyì.Jīngū.Bàng.com'],
  ];
  for (const [enc, dec] of domains) {
    assert.equal(call('punycode_domain_from_string', ['string'], [enc]), dec);
    assert.equal(call('punycode_domain_to_string', ['string'], [dec]), enc);
  }
  assert.equal(call('punycode_domain_to_string', ['string'], ['Lê Lợi。Thuận Thiên。com']), 'xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com');
  assert.equal(call('punycode_domain_to_string', ['string'], ['Riðill。Skáldskaparmál。org']), 'xn--Riill-jta.xn--Skldskaparml-dbbj.org');
  assert.equal(call('punycode_domain_to_string', ['string'], ["Kaledvoulc'h.Artorījos.edu"]), "Kaledvoulc'h.xn--Artorjos-ejb.edu");
  assert.equal(call('punycode_from_string', ['string'], ['bücher']), 'bcher-kva');
  assert.equal(call('punycode_to_string', ['string'], ['!!']), '');
  assert.equal(call('punycode_domain_from_string', ['string'], ['xn--!!.com']), '');
});

test('gzip / zlib base64: docs examples, round trips, bad input', () => {
  const gz = 'H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==';
  assert.equal(call('gzip_decompress_from_base64_string', ['string'], [gz]), '1234567890qwertyuiop');
  assert.equal(call('gzip_decompress_from_base64_string', ['string'], ['x0x0x0']), '');
  assert.equal(call('zlib_decompress_from_base64_string', ['string'], ['eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4=']), 'Test string 123');
  assert.equal(call('zlib_decompress_from_base64_string', ['string'], ['x0x0x0']), '');
  assert.equal(call('zlib_decompress_from_base64_string', ['string'], ['eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==']), '1234567890qwertyuiop');
  const text = 'The quick brown fox 😀 '.repeat(50);
  const g = call('gzip_compress_to_base64_string', ['string'], [text]) as string;
  assert.ok(g.startsWith('H4sIAAAAAAAA/'));
  assert.ok(g.length < text.length);
  assert.equal(call('gzip_decompress_from_base64_string', ['string'], [g]), text);
  const z = call('zlib_compress_to_base64_string', ['string'], [text]) as string;
  assert.equal(call('zlib_decompress_from_base64_string', ['string'], [z]), text);
  // incompressible short input: a stored block, byte for byte what the docs print
  // (gzip-base64-compress.md, zlib-base64-compress-function.md)
  assert.equal(call('gzip_compress_to_base64_string', ['string'], ['1234567890qwertyuiop']), 'H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==');
  assert.equal(call('zlib_compress_to_base64_string', ['string'], ['1234567890qwertyuiop']), 'eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==');
});

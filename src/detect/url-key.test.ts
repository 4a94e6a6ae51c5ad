import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostOf, urlKey } from './url-key.js';
import { defang, mdCode, mdFence } from './markdown.js';
import { uuidV5 } from './guid.js';

test('urlKey lower-cases scheme and host, drops default ports, fragments and the scheme itself', () => {
  assert.deepEqual(urlKey('HTTP://Net883.COM:80/Gate.php?a=B#x'), { key: 'net883.com/Gate.php?a=B', host: 'net883.com' });
  assert.deepEqual(urlKey('https://net883.com:443'), { key: 'net883.com/', host: 'net883.com' });
  assert.deepEqual(urlKey('https://net883.com:80/x'), { key: 'net883.com:80/x', host: 'net883.com' });
  assert.deepEqual(urlKey('net883.com./x'), { key: 'net883.com/x', host: 'net883.com' });
  assert.deepEqual(urlKey('http://user:pw@net883.com:8080?q'), { key: 'net883.com:8080/?q', host: 'net883.com' });
  assert.deepEqual(urlKey('http://[2001:db8::1]:8443/a'), { key: '[2001:db8::1]:8443/a', host: '[2001:db8::1]' });
  assert.equal(urlKey('http:///nohost'), null);
  assert.equal(urlKey('http://a\nb'), null);
});

test('hostOf takes the host of a bare name or a URL', () => {
  assert.equal(hostOf(' Net883.com. '), 'net883.com');
  assert.equal(hostOf('https://a.net883.com:8080/p'), 'a.net883.com');
  assert.equal(hostOf('a.net883.com/p?q'), 'a.net883.com');
});

test('defang and Markdown helpers keep untrusted text inert', () => {
  assert.equal(defang('ipv4', '68.134.58.120'), '68[.]134[.]58[.]120');
  assert.equal(defang('domain', 'net883.com'), 'net883[.]com');
  assert.equal(defang('url', 'https://net883.com/a.php'), 'hxxps://net883[.]com/a.php');
  assert.equal(defang('ipv6', '2001:db8::1'), '2001[:]db8[:][:]1');
  assert.equal(defang('sha256', 'ab'), 'ab');
  assert.equal(mdCode('a|b`c\nd'), '``a\\|b`c\\u000ad``');
  assert.equal(mdFence('kql', 'x ``` y'), '````kql\nx ``` y\n````');
});

test('uuidV5 follows RFC 4122 (DNS namespace test vector) and is stable', () => {
  assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  assert.equal(uuidV5('x'), uuidV5('x'));
  assert.notEqual(uuidV5('x'), uuidV5('y'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml, MAX_XML_BYTES } from './xml.js';

test('parse_xml: the conversion table of parse-xml-function.md', () => {
  assert.deepEqual(parseXml('<e/>'), { e: null });
  assert.deepEqual(parseXml('<e>text</e>'), { e: 'text' });
  assert.deepEqual(parseXml('<e name="value" />'), { e: { '@name': 'value' } });
  assert.deepEqual(parseXml('<e name="value">text</e>'), { e: { '@name': 'value', '#text': 'text' } });
  assert.deepEqual(parseXml('<e> <a>text</a> <b>text</b> </e>'), { e: { a: 'text', b: 'text' } });
  assert.deepEqual(parseXml('<e> <a>text</a> <a>text</a> </e>'), { e: { a: ['text', 'text'] } });
  assert.deepEqual(parseXml('<e> text <a>text</a> </e>'), { e: { '#text': 'text', a: 'text' } });
});

test('parse_xml: the docs example with a declaration; a Windows event with EventData/Data', () => {
  const d = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<duration>\n  <value>118.0</value>\n  <min>100.0</min>\n</duration>');
  assert.deepEqual(d, { duration: { value: '118.0', min: '100.0' } });
  const ev = parseXml(`<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing" Guid="{54849625-5478-4994-a5ba-3e3b0328c30d}"/><EventID>4688</EventID></System><EventData><Data Name="SubjectUserSid">S-1-5-18</Data><Data Name="NewProcessName">C:\\Windows\\cmd.exe</Data><Data Name="Empty"/></EventData></Event>`);
  assert.deepEqual(ev, { Event: {
    '@xmlns': 'http://schemas.microsoft.com/win/2004/08/events/event',
    System: { Provider: { '@Name': 'Microsoft-Windows-Security-Auditing', '@Guid': '{54849625-5478-4994-a5ba-3e3b0328c30d}' }, EventID: '4688' },
    EventData: { Data: [{ '@Name': 'SubjectUserSid', '#text': 'S-1-5-18' }, { '@Name': 'NewProcessName', '#text': 'C:\\Windows\\cmd.exe' }, { '@Name': 'Empty' }] },
  } });
});

test('parse_xml: entities, CDATA, comments; single-quoted attributes', () => {
  assert.deepEqual(parseXml("<a x='1 &amp; 2'>&lt;b&gt; &#65;&#x42; <!-- c --><![CDATA[<raw>]]></a>"), { a: { '@x': '1 & 2', '#text': '<b> AB<raw>' } });
});

test('parse_xml: invalid XML, undefined entities, two roots, oversize input → null; no prototype pollution', () => {
  for (const bad of ['', 'text', '<a>', '<a></b>', '<a/><b/>', '<a>&custom;</a>', '<a x=1/>', '<a>x</a>tail', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>']) {
    assert.equal(parseXml(bad), null, bad);
  }
  assert.equal(parseXml(`<a>${'x'.repeat(MAX_XML_BYTES)}</a>`), null);
  const p = parseXml('<a><__proto__>1</__proto__></a>') as Record<string, Record<string, unknown>>;
  assert.equal(Object.getPrototypeOf(p.a), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(p.a, '__proto__')?.value, '1');
});

test('parse_xml: 100,000 nested elements parse without recursion', () => {
  const deep = '<a>'.repeat(100_000) + 'x' + '</a>'.repeat(100_000);
  let v = parseXml(deep) as Record<string, unknown>;
  let depth = 0;
  while (v && typeof v === 'object') { v = v.a as Record<string, unknown>; depth++; }
  assert.equal(depth, 100_000);
});

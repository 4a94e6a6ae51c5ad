// Deterministic generator of a ThreatFox CSV full export (15-column layout with is_compromised), for the import bench.
// usage: node bench/gen-threatfox.mjs OUT.csv|OUT.json [ROWS=1200000] [SEED=42]   (.json = JSON export layout)
import { createWriteStream } from 'node:fs';

const [out, rowsArg = '1200000', seedArg = '42'] = process.argv.slice(2);
if (!out) { console.error('usage: node bench/gen-threatfox.mjs OUT.csv [ROWS] [SEED]'); process.exit(2); }
const rows = Number(rowsArg);
let s = Number(seedArg) >>> 0 || 1;
const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const hex = (n) => { let h = ''; while (h.length < n) h += Math.floor(rnd() * 4294967296).toString(16).padStart(8, '0'); return h.slice(0, n); };
const malware = [['win.asyncrat', 'AsyncRAT'], ['elf.mirai', 'Mirai'], ['win.cobalt_strike', 'Cobalt Strike'], ['win.nanocore', 'NanoCore'],
  ['win.remcos', 'Remcos'], ['win.agent_tesla', 'Agent Tesla'], ['js.clearfake', 'ClearFake'], ['unknown', 'Unknown malware']];
const tlds = ['com', 'net', 'org', 'ru', 'xyz', 'top', 'info', 'io', 'co.uk', 'online'];
const word = () => { let w = ''; const n = 4 + Math.floor(rnd() * 8); for (let i = 0; i < n; i++) w += String.fromCharCode(97 + Math.floor(rnd() * 26)); return w; };
const ip = () => `${1 + Math.floor(rnd() * 222)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${1 + Math.floor(rnd() * 254)}`;
const pad = (n) => String(n).padStart(2, '0');
const date = (i) => { const t = Date.UTC(2021, 0, 1) + Math.floor((i / rows) * 5 * 365 * 86400e3); const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`; };

const json = out.endsWith('.json');
const ws = createWriteStream(out);
const write = (str) => (ws.write(str) ? Promise.resolve() : new Promise((r) => ws.once('drain', r)));
if (json) await write('{\n');
else await write('################################################################\r\n# ThreatFox IOCs: full dump - CSV format (SYNTHETIC, kqlite bench)#\r\n################################################################\r\n#\r\n');
if (!json) await write('# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","is_compromised","reference","tags","anonymous","reporter"\r\n');
let buf = '';
for (let i = 0; i < rows; i++) {
  const kind = rnd();
  let value; let type; let threat;
  if (kind < 0.35) { value = `${ip()}:${1 + Math.floor(rnd() * 65535)}`; type = 'ip:port'; threat = 'botnet_cc'; }
  else if (kind < 0.55) { value = `${word()}.${pick(tlds)}`; type = 'domain'; threat = 'botnet_cc'; }
  else if (kind < 0.75) { value = `https://${word()}.${pick(tlds)}/${word()}/${word()}.php?id=${hex(8)}`; type = 'url'; threat = 'payload_delivery'; }
  else if (kind < 0.85) { value = hex(64); type = 'sha256_hash'; threat = 'payload'; }
  else if (kind < 0.95) { value = hex(32); type = 'md5_hash'; threat = 'payload'; }
  else { value = hex(40); type = 'sha1_hash'; threat = 'payload'; }
  const [m, mp] = pick(malware);
  const last = rnd() < 0.2 ? date(Math.min(rows - 1, i + 1000)) : '';
  const conf = pick([50, 75, 80, 90, 100]);
  const tags = `${mp.toLowerCase().replace(/ /g, '')},${word()}`;
  if (json) {
    buf += `${i ? ',\n' : ''}   "${1000000 + i}": [\n      ${JSON.stringify({ ioc_value: value, ioc_type: type, threat_type: threat, malware: m, malware_alias: null,
      malware_printable: mp, first_seen_utc: date(i), last_seen_utc: last || null, confidence_level: conf, reference: null, tags, anonymous: '0', reporter: 'abuse_ch' })}\n   ]`;
    if (buf.length > 1 << 20) { await write(buf); buf = ''; }
    continue;
  }
  buf += `"${date(i)}", "${1000000 + i}", "${value}", "${type}", "${threat}", "${m}", "None", "${mp}", "${last}", "${pick([50, 75, 80, 90, 100])}", "${rnd() < 0.02 ? 'True' : 'False'}", "None", "${mp.toLowerCase().replace(/ /g, '')},${word()}", "0", "abuse_ch"\r\n`;
  if (buf.length > 1 << 20) { await write(buf); buf = ''; }
}
await write(json ? `${buf}\n}\n` : `${buf}# Number of entries: ${rows}\r\n`);
ws.end();

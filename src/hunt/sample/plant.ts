// Planted activity for IOCs: true hits in every table where the IOC can appear (both directions, with and without
// the port, subdomains, mixed case, trailing dots, URLs, IPv4-mapped IPv6) and near-miss decoys that a correct hunt
// must not report (neighbour IPs, superstring and look-alike domains, the IOC as a prefix of another name).
import type { Ioc } from '../../intel/index.js';
import type { Pools, Rng } from './random.js';
import { background, type Row } from './background.js';

export interface Planted {
  table: string;
  kind: 'hit' | 'decoy';
  ioc: { type: string; value: string; port?: number };
  /** expected tier for hits */
  tier?: 'high' | 'medium' | 'low';
  column: string;
  value: string;
  note: string;
  row: Row;
}

function neighbourIp(ip: string, delta: number): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  const last = (Number(m[4]) + delta + 256) % 256;
  return `${m[1]}.${m[2]}.${m[3]}.${last}`;
}

function mixedCase(rng: Rng, s: string): string {
  let out = '';
  for (const ch of s) out += rng.chance(0.5) ? ch.toUpperCase() : ch;
  return out === s ? s.toUpperCase() : out;
}

function lookAlike(d: string): string {
  // swap one letter of the registrable label: net883.com → nel883.com
  const i = d.search(/[a-z]/);
  if (i < 0) return `x${d}`;
  const c = d[i] === 'l' ? 'i' : 'l';
  return d.slice(0, i) + c + d.slice(i + 1);
}

function otherPort(port: number | undefined): number {
  return port === 443 ? 8443 : 443;
}

/** Builds planted rows for one IOC; `make(table)` gives a background row of that table to modify. */
export function plantIoc(ioc: Ioc, rng: Rng, p: Pools, make: (table: string) => Row): Planted[] {
  const out: Planted[] = [];
  const key = { type: ioc.type, value: ioc.value, ...(ioc.port !== undefined ? { port: ioc.port } : {}) };
  const hit = (table: string, column: string, value: string, note: string, tier: Planted['tier'], edit: (r: Row) => void) => {
    const row = make(table);
    edit(row);
    out.push({ table, kind: 'hit', ioc: key, tier, column, value, note, row });
  };
  const decoy = (table: string, column: string, value: string, note: string, edit: (r: Row) => void) => {
    const row = make(table);
    edit(row);
    out.push({ table, kind: 'decoy', ioc: key, column, value, note, row });
  };
  const portTier: Planted['tier'] = ioc.port !== undefined ? 'high' : 'high';
  const ipOnlyTier: Planted['tier'] = ioc.port !== undefined ? 'medium' : 'high';

  switch (ioc.type) {
    case 'ipv4': case 'ipv6': {
      const ip = ioc.value;
      const port = ioc.port ?? 443;
      hit('CommonSecurityLog', 'DestinationIP', ip, 'outbound to the IOC (with its port)', portTier, (r) => { r.DestinationIP = ip; r.DestinationPort = port; r.DeviceAction = 'allow'; });
      hit('CommonSecurityLog', 'SourceIP', ip, 'inbound from the IOC', ioc.port !== undefined ? ipOnlyTier : 'high', (r) => { r.SourceIP = ip; r.SourcePort = otherPort(port); r.DestinationIP = rng.pick(p.hosts).ip; r.DestinationPort = 3389; });
      if (ioc.port !== undefined) hit('CommonSecurityLog', 'DestinationIP', ip, 'outbound to the IOC on another port', ipOnlyTier, (r) => { r.DestinationIP = ip; r.DestinationPort = otherPort(port); });
      hit('DeviceNetworkEvents', 'RemoteIP', ip, 'connection to the IOC (with its port)', portTier, (r) => { r.RemoteIP = ip; r.RemotePort = port; r.ActionType = 'ConnectionSuccess'; r.RemoteUrl = ''; });
      if (ioc.port !== undefined) hit('DeviceNetworkEvents', 'RemoteIP', ip, 'connection to the IOC on another port', ipOnlyTier, (r) => { r.RemoteIP = ip; r.RemotePort = otherPort(port); r.RemoteUrl = ''; });
      if (ioc.type === 'ipv4') {
        hit('DeviceNetworkEvents', 'RemoteIP', `::ffff:${ip}`, 'IPv4-mapped IPv6 form', portTier, (r) => { r.RemoteIP = `::ffff:${ip}`; r.RemotePort = port; r.RemoteUrl = ''; });
      }
      hit('DeviceNetworkEvents', 'LocalIP', ip, 'inbound connection accepted from the IOC', ipOnlyTier, (r) => { r.ActionType = 'InboundConnectionAccepted'; r.LocalIP = ip; r.RemoteUrl = ''; });
      hit('DnsEvents', 'IPAddresses', ip, 'DNS answer resolving to the IOC', 'medium', (r) => { r.IPAddresses = `${rng.pick(p.publicIps)},${ip}`; });
      hit('SigninLogs', 'IPAddress', ip, 'sign-in from the IOC', 'high', (r) => { r.IPAddress = ip; });
      const n1 = neighbourIp(ip, 1), n2 = neighbourIp(ip, -1);
      if (n1) decoy('CommonSecurityLog', 'DestinationIP', n1, 'neighbour IP', (r) => { r.DestinationIP = n1; r.DestinationPort = port; });
      if (n2) decoy('DeviceNetworkEvents', 'RemoteIP', n2, 'neighbour IP', (r) => { r.RemoteIP = n2; r.RemotePort = port; r.RemoteUrl = ''; });
      if (ioc.type === 'ipv4') {
        const sup = `1${ip}`;
        if (/^\d+\.\d+\.\d+\.\d+$/.test(sup) && Number(sup.split('.')[0]) < 256) decoy('DnsEvents', 'IPAddresses', sup, 'superstring IP in a DNS answer', (r) => { r.IPAddresses = sup; });
        decoy('CommonSecurityLog', 'RequestURL', ip, 'IOC only inside a URL parameter', (r) => { r.RequestURL = `https://example.org/redirect?to=${ip}`; r.DestinationIP = rng.pick(p.publicIps); });
      }
      break;
    }
    case 'cidr': {
      const [net] = ioc.value.split('/');
      const inside = neighbourIp(net!, 1) ?? net!;
      hit('DeviceNetworkEvents', 'RemoteIP', inside, 'address inside the CIDR', 'high', (r) => { r.RemoteIP = inside; r.RemoteUrl = ''; });
      hit('CommonSecurityLog', 'DestinationIP', inside, 'address inside the CIDR', 'high', (r) => { r.DestinationIP = inside; });
      break;
    }
    case 'domain': {
      const d = ioc.value;
      const sub = `cdn.${d}`;
      hit('DnsEvents', 'Name', d, 'exact DNS query', 'high', (r) => { r.Name = d; });
      hit('DnsEvents', 'Name', mixedCase(rng, d) + '.', 'mixed case with a trailing dot', 'high', (r) => { r.Name = mixedCase(rng, d) + '.'; });
      hit('DnsEvents', 'Name', sub, 'subdomain', 'high', (r) => { r.Name = sub; });
      hit('DeviceNetworkEvents', 'RemoteUrl', d, 'bare host in RemoteUrl', 'high', (r) => { r.RemoteUrl = d; });
      hit('DeviceNetworkEvents', 'RemoteUrl', `https://${sub}/gate.php`, 'URL with a subdomain', 'high', (r) => { r.RemoteUrl = `https://${sub}/gate.php`; });
      hit('CommonSecurityLog', 'DestinationHostName', d.toUpperCase(), 'proxy host, upper case', 'high', (r) => { r.DeviceVendor = 'Zscaler'; r.DeviceProduct = 'NSSWeblog'; r.DestinationHostName = d.toUpperCase(); r.RequestURL = `https://${d.toUpperCase()}/`; });
      hit('CommonSecurityLog', 'RequestURL', `http://${sub}:8080/x?y=1`, 'proxy URL with a port', 'high', (r) => { r.DeviceVendor = 'Zscaler'; r.DeviceProduct = 'NSSWeblog'; r.RequestURL = `http://${sub}:8080/x?y=1`; r.DestinationHostName = ''; });
      decoy('DnsEvents', 'Name', `x${d}`, 'superstring on the left', (r) => { r.Name = `x${d}`; });
      decoy('DnsEvents', 'Name', `${d}.evil.org`, 'IOC as a prefix of another name', (r) => { r.Name = `${d}.evil.org`; });
      decoy('DnsEvents', 'Name', lookAlike(d), 'look-alike', (r) => { r.Name = lookAlike(d); });
      decoy('DeviceNetworkEvents', 'RemoteUrl', `https://${d}.example.net/`, 'IOC as a prefix of another host', (r) => { r.RemoteUrl = `https://${d}.example.net/`; });
      decoy('DeviceNetworkEvents', 'RemoteUrl', `https://example.net/?q=${d}`, 'IOC only in a query string', (r) => { r.RemoteUrl = `https://example.net/?q=${d}`; });
      decoy('CommonSecurityLog', 'DestinationHostName', `my${d}`, 'superstring host', (r) => { r.DeviceVendor = 'Zscaler'; r.DeviceProduct = 'NSSWeblog'; r.DestinationHostName = `my${d}`; r.RequestURL = `https://my${d}/`; });
      break;
    }
    case 'url': {
      const u = ioc.value;
      hit('CommonSecurityLog', 'RequestURL', u, 'exact URL', 'high', (r) => { r.DeviceVendor = 'Zscaler'; r.DeviceProduct = 'NSSWeblog'; r.RequestURL = u; });
      hit('DeviceNetworkEvents', 'RemoteUrl', u, 'exact URL', 'high', (r) => { r.RemoteUrl = u; });
      break;
    }
    case 'md5': case 'sha1': case 'sha256': {
      const h = ioc.value;
      const col = ioc.type === 'md5' ? 'MD5' : ioc.type === 'sha1' ? 'SHA1' : 'SHA256';
      hit('DeviceProcessEvents', col, h.toUpperCase(), 'process image hash (upper case)', 'high', (r) => { r[col] = h.toUpperCase(); });
      hit('DeviceFileEvents', col, h, 'file written with the hash', 'high', (r) => { r[col] = h; });
      hit('DeviceNetworkEvents', `InitiatingProcess${col}`, h, 'network connection by a process with the hash', 'high', (r) => { r[`InitiatingProcess${col}`] = h; });
      const near = h.slice(0, -1) + (h.endsWith('0') ? '1' : '0');
      decoy('DeviceFileEvents', col, near, 'hash differing in the last digit', (r) => { r[col] = near; });
      break;
    }
    default: break;
  }
  return out;
}

export { background };

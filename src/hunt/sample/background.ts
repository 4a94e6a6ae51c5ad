// Ordinary (benign) activity rows for each table of the synthetic workspace.
import type { Pools, Rng } from './random.js';
import { subdomainOf } from './random.js';

export type Row = Record<string, string | number | boolean | null>;
export type RowMaker = (rng: Rng, p: Pools, time: string, seq: number) => Row;

const PORTS = [443, 443, 443, 443, 80, 80, 53, 8443, 22, 3389, 445];

function process(rng: Rng, p: Pools) {
  return rng.skewed(p.processes);
}

export const background: Record<string, RowMaker> = {
  DeviceNetworkEvents(rng, p, time, seq) {
    const h = rng.skewed(p.hosts);
    const pr = process(rng, p);
    const u = rng.skewed(p.users);
    const inbound = rng.chance(0.05);
    const domain = rng.chance(0.6) ? subdomainOf(rng, rng.skewed(p.domains)) : '';
    const port = rng.pick(PORTS);
    return {
      Timestamp: time, DeviceId: h.id, DeviceName: h.name,
      ActionType: inbound ? 'InboundConnectionAccepted' : rng.chance(0.9) ? 'ConnectionSuccess' : 'ConnectionFailed',
      RemoteIP: inbound ? `10.${rng.int(5)}.${rng.int(255)}.${1 + rng.int(254)}` : rng.skewed(p.publicIps),
      RemotePort: inbound ? 49152 + rng.int(16000) : port,
      RemoteUrl: inbound ? '' : domain && rng.chance(0.5) ? `https://${domain}/${rng.hex(6)}` : domain,
      LocalIP: h.ip, LocalPort: inbound ? port : 49152 + rng.int(16000), Protocol: 'Tcp',
      RemoteIPType: inbound ? 'Private' : 'Public',
      InitiatingProcessFileName: pr.file, InitiatingProcessFolderPath: pr.folder + pr.file,
      InitiatingProcessCommandLine: `"${pr.file}"`, InitiatingProcessSHA256: pr.sha256, InitiatingProcessSHA1: pr.sha1, InitiatingProcessMD5: pr.md5,
      InitiatingProcessAccountDomain: u.domain.toLowerCase(), InitiatingProcessAccountName: u.name,
      ReportId: seq,
    };
  },
  CommonSecurityLog(rng, p, time, seq): Row {
    const h = rng.skewed(p.hosts);
    const proxy = rng.chance(0.4);
    const u = rng.skewed(p.users);
    const dst = rng.skewed(p.publicIps);
    if (proxy) {
      const host = subdomainOf(rng, rng.skewed(p.domains));
      return {
        TimeGenerated: time, DeviceVendor: 'Zscaler', DeviceProduct: 'NSSWeblog', DeviceVersion: '6.1', DeviceEventClassID: 'web',
        Activity: 'Allowed', LogSeverity: '3', DeviceAction: rng.chance(0.95) ? 'Allowed' : 'Blocked', SourceIP: h.ip, SourcePort: 49152 + rng.int(16000),
        DestinationIP: dst, DestinationPort: 443, Protocol: 'TCP', ApplicationProtocol: 'HTTPS', DestinationHostName: host,
        RequestURL: `https://${host}/${rng.hex(8)}`, RequestMethod: rng.chance(0.8) ? 'GET' : 'POST', SourceUserName: u.upn,
        SentBytes: 200 + rng.int(5000), ReceivedBytes: 500 + rng.int(500000), Computer: 'zscaler-nss-01', DeviceName: 'zscaler-nss-01',
        ExtID: String(seq),
      };
    }
    const inbound = rng.chance(0.1);
    return {
      TimeGenerated: time, DeviceVendor: 'Palo Alto Networks', DeviceProduct: 'PAN-OS', DeviceVersion: '10.2', DeviceEventClassID: 'TRAFFIC',
      Activity: 'TRAFFIC', LogSeverity: '1', DeviceAction: rng.chance(0.9) ? 'allow' : 'deny',
      SourceIP: inbound ? dst : h.ip, SourcePort: 49152 + rng.int(16000), DestinationIP: inbound ? h.ip : dst,
      DestinationPort: rng.pick(PORTS), Protocol: 'TCP', ApplicationProtocol: rng.pick(['ssl', 'web-browsing', 'dns', 'ms-rdp']),
      SentBytes: 100 + rng.int(50000), ReceivedBytes: 100 + rng.int(500000), Computer: 'pa-fw-01', DeviceName: 'pa-fw-01', ExtID: String(seq),
    };
  },
  DnsEvents(rng, p, time) {
    const h = rng.skewed(p.hosts);
    const name = subdomainOf(rng, rng.skewed(p.domains));
    const n = 1 + rng.int(2);
    const ips = Array.from({ length: n }, () => rng.skewed(p.publicIps));
    return {
      TimeGenerated: time, Computer: h.name, ClientIP: h.ip, Name: name, IPAddresses: ips.join(','), QueryType: rng.chance(0.85) ? 'A' : 'AAAA',
      ResultCode: 0, SubType: 'LookupQuery', EventId: 256,
    };
  },
  DeviceProcessEvents(rng, p, time, seq) {
    const h = rng.skewed(p.hosts);
    const pr = process(rng, p);
    const parent = process(rng, p);
    const u = rng.skewed(p.users);
    return {
      Timestamp: time, DeviceId: h.id, DeviceName: h.name, ActionType: 'ProcessCreated', FileName: pr.file, FolderPath: pr.folder + pr.file,
      SHA1: pr.sha1, SHA256: pr.sha256, MD5: pr.md5, ProcessCommandLine: `"${pr.file}" ${rng.chance(0.3) ? '--type=renderer' : ''}`.trim(),
      ProcessVersionInfoCompanyName: pr.company, ProcessVersionInfoOriginalFileName: pr.file,
      AccountDomain: u.domain.toLowerCase(), AccountName: u.name,
      InitiatingProcessFileName: parent.file, InitiatingProcessFolderPath: parent.folder + parent.file, InitiatingProcessCommandLine: `"${parent.file}"`,
      InitiatingProcessSHA256: parent.sha256, InitiatingProcessSHA1: parent.sha1, InitiatingProcessMD5: parent.md5,
      InitiatingProcessParentFileName: 'explorer.exe', InitiatingProcessAccountDomain: u.domain.toLowerCase(), InitiatingProcessAccountName: u.name,
      ReportId: seq,
    };
  },
  DeviceFileEvents(rng, p, time, seq) {
    const h = rng.skewed(p.hosts);
    const pr = process(rng, p);
    const u = rng.skewed(p.users);
    const name = `${rng.pick(['report', 'invoice', 'setup', 'data', 'notes'])}_${rng.int(1000)}.${rng.pick(['docx', 'xlsx', 'pdf', 'zip', 'exe', 'tmp'])}`;
    return {
      Timestamp: time, DeviceId: h.id, DeviceName: h.name, ActionType: rng.pick(['FileCreated', 'FileModified', 'FileRenamed']), FileName: name,
      FolderPath: `C:\\Users\\${u.name}\\Downloads\\${name}`, SHA1: rng.hex(40), SHA256: rng.hex(64), MD5: rng.hex(32),
      InitiatingProcessFileName: pr.file, InitiatingProcessFolderPath: pr.folder + pr.file, InitiatingProcessSHA256: pr.sha256,
      InitiatingProcessSHA1: pr.sha1, InitiatingProcessMD5: pr.md5, InitiatingProcessAccountDomain: u.domain.toLowerCase(), InitiatingProcessAccountName: u.name,
      ReportId: seq,
    };
  },
  SigninLogs(rng, p, time) {
    const u = rng.skewed(p.users);
    const ok = rng.chance(0.9);
    return {
      TimeGenerated: time, UserPrincipalName: u.upn, UserDisplayName: u.name, IPAddress: rng.skewed(p.publicIps),
      AppDisplayName: rng.pick(['Office 365 Exchange Online', 'Microsoft Teams', 'Azure Portal', 'SharePoint Online']),
      ResultType: ok ? '0' : rng.pick(['50126', '50074', '53003']), ResultDescription: ok ? '' : 'Invalid username or password',
      ClientAppUsed: 'Browser', Location: rng.pick(['US', 'GB', 'DE', 'FR']), Category: 'SignInLogs', OperationName: 'Sign-in activity',
    };
  },
};

/** Share of the requested rows each table gets. */
export const TABLE_SHARE: Record<string, number> = {
  DeviceNetworkEvents: 0.35, CommonSecurityLog: 0.25, DnsEvents: 0.2, DeviceProcessEvents: 0.1, DeviceFileEvents: 0.05, SigninLogs: 0.05,
};

export const TIME_COLUMN: Record<string, string> = {
  DeviceNetworkEvents: 'Timestamp', CommonSecurityLog: 'TimeGenerated', DnsEvents: 'TimeGenerated',
  DeviceProcessEvents: 'Timestamp', DeviceFileEvents: 'Timestamp', SigninLogs: 'TimeGenerated',
};

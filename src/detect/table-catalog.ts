// Declarative catalog: which table columns can hold which IOC type, per flavour (checked against schemas/ in tests).
import type { Flavour } from './model.js';

export type HashAlgo = 'sha256' | 'sha1' | 'md5';

/** A column (or expression) holding one IP, or a comma-separated list of IPs (`list`). */
export interface IpColumn { column: string; portColumn?: string; list?: boolean; where?: string }
/** A column holding a host name (`host`) or a URL / host[/path] (`url`); `expr` overrides the raw value. */
export interface HostColumn { column: string; shape: 'host' | 'url'; expr?: string; where?: string }
export interface HashColumn { column: string; algo: HashAlgo | 'any' }

export interface SentinelEntity {
  entityType: string;
  fields: { identifier: string; column: string }[];
}

export interface TableSpec {
  name: string;
  flavours: Flavour[];
  connector: { connectorId: string; dataTypes: string[] };
  entities: string[];
  evidence: string[];
  ip?: IpColumn[];
  domain?: HostColumn[];
  url?: HostColumn[];
  hash?: HashColumn[];
  /** Sentinel entity mappings (beyond the IOC entity, added per hunt kind). */
  sentinelEntities: SentinelEntity[];
  /** Defender custom-detection impacted asset; absent = no entity column Defender accepts. */
  defenderAsset?: { odataType: string; identifier: string };
}

const MTP = { connectorId: 'MicrosoftThreatProtection' };
const DEVICE_ASSET = { odataType: '#microsoft.graph.security.impactedDeviceAsset', identifier: 'deviceId' };
const hostEntity = (col: string): SentinelEntity => ({ entityType: 'Host', fields: [{ identifier: 'HostName', column: col }] });
const accountEntity = (name: string, domain: string): SentinelEntity => ({
  entityType: 'Account', fields: [{ identifier: 'Name', column: name }, { identifier: 'NTDomain', column: domain }],
});
const IP_HASHES: HashColumn[] = [
  { column: 'InitiatingProcessSHA256', algo: 'sha256' }, { column: 'InitiatingProcessSHA1', algo: 'sha1' },
  { column: 'InitiatingProcessMD5', algo: 'md5' },
];
const FILE_HASHES: HashColumn[] = [
  { column: 'SHA256', algo: 'sha256' }, { column: 'SHA1', algo: 'sha1' }, { column: 'MD5', algo: 'md5' }, ...IP_HASHES,
];
const SIGNIN = (name: string): TableSpec => ({
  name, flavours: ['sentinel'], connector: { connectorId: 'AzureActiveDirectory', dataTypes: [name] },
  entities: ['UserPrincipalName', 'IPAddress', 'AppDisplayName'],
  evidence: ['ResultType', 'Location', 'ClientAppUsed', 'UserAgent'],
  ip: [{ column: 'IPAddress' }],
  sentinelEntities: [{ entityType: 'Account', fields: [{ identifier: 'FullName', column: 'UserPrincipalName' }] }],
});

export const TABLES: readonly TableSpec[] = [
  {
    name: 'CommonSecurityLog', flavours: ['sentinel'], connector: { connectorId: 'CEF', dataTypes: ['CommonSecurityLog'] },
    entities: ['DeviceName', 'SourceIP', 'DestinationIP', 'SourceHostName', 'SourceUserName'],
    evidence: ['DeviceVendor', 'DeviceProduct', 'DeviceAction', 'SourcePort', 'DestinationPort', 'DestinationHostName', 'RequestURL', 'FileHash'],
    ip: [{ column: 'SourceIP', portColumn: 'SourcePort' }, { column: 'DestinationIP', portColumn: 'DestinationPort' }],
    domain: [{ column: 'DestinationHostName', shape: 'host' }, { column: 'RequestURL', shape: 'url' }],
    url: [{ column: 'RequestURL', shape: 'url' }],
    hash: [{ column: 'FileHash', algo: 'any' }],
    sentinelEntities: [hostEntity('DeviceName'), { entityType: 'Account', fields: [{ identifier: 'Name', column: 'SourceUserName' }] }],
  },
  {
    name: 'DeviceNetworkEvents', flavours: ['sentinel', 'defender'], connector: { ...MTP, dataTypes: ['DeviceNetworkEvents'] },
    entities: ['DeviceId', 'DeviceName', 'InitiatingProcessAccountDomain', 'InitiatingProcessAccountName', 'InitiatingProcessFileName', 'InitiatingProcessFolderPath', 'InitiatingProcessCommandLine'],
    evidence: ['ActionType', 'RemoteIP', 'RemotePort', 'RemoteUrl', 'LocalIP', 'LocalPort', 'Protocol', 'ReportId'],
    ip: [
      { column: 'RemoteIP', portColumn: 'RemotePort' },
      { column: 'LocalIP', portColumn: 'LocalPort', where: 'ActionType == "InboundConnectionAccepted"' },
    ],
    domain: [{ column: 'RemoteUrl', shape: 'url' }],
    url: [{ column: 'RemoteUrl', shape: 'url' }],
    hash: IP_HASHES,
    sentinelEntities: [hostEntity('DeviceName'), accountEntity('InitiatingProcessAccountName', 'InitiatingProcessAccountDomain')],
    defenderAsset: DEVICE_ASSET,
  },
  {
    name: 'DeviceProcessEvents', flavours: ['sentinel', 'defender'], connector: { ...MTP, dataTypes: ['DeviceProcessEvents'] },
    entities: ['DeviceId', 'DeviceName', 'AccountDomain', 'AccountName', 'FileName', 'FolderPath', 'ProcessCommandLine', 'InitiatingProcessFileName', 'InitiatingProcessCommandLine'],
    evidence: ['ActionType', 'SHA256', 'SHA1', 'MD5', 'InitiatingProcessSHA256', 'InitiatingProcessParentFileName', 'InitiatingProcessFolderPath', 'ProcessVersionInfoOriginalFileName', 'ProcessVersionInfoCompanyName', 'ProcessTokenElevation', 'ReportId'],
    hash: FILE_HASHES,
    sentinelEntities: [hostEntity('DeviceName'), accountEntity('AccountName', 'AccountDomain'),
      { entityType: 'Process', fields: [{ identifier: 'CommandLine', column: 'ProcessCommandLine' }] }],
    defenderAsset: DEVICE_ASSET,
  },
  {
    name: 'DeviceFileEvents', flavours: ['sentinel', 'defender'], connector: { ...MTP, dataTypes: ['DeviceFileEvents'] },
    entities: ['DeviceId', 'DeviceName', 'InitiatingProcessAccountDomain', 'InitiatingProcessAccountName', 'FileName', 'FolderPath', 'InitiatingProcessFileName', 'InitiatingProcessCommandLine'],
    evidence: ['ActionType', 'SHA256', 'SHA1', 'MD5', 'FileOriginUrl', 'FileOriginReferrerUrl', 'FileOriginIP', 'ReportId'],
    ip: [{ column: 'FileOriginIP' }],
    domain: [{ column: 'FileOriginUrl', shape: 'url' }, { column: 'FileOriginReferrerUrl', shape: 'url' }],
    url: [{ column: 'FileOriginUrl', shape: 'url' }, { column: 'FileOriginReferrerUrl', shape: 'url' }],
    hash: FILE_HASHES,
    sentinelEntities: [hostEntity('DeviceName'), accountEntity('InitiatingProcessAccountName', 'InitiatingProcessAccountDomain'),
      { entityType: 'File', fields: [{ identifier: 'Name', column: 'FileName' }, { identifier: 'Directory', column: 'FolderPath' }] }],
    defenderAsset: DEVICE_ASSET,
  },
  {
    name: 'DeviceImageLoadEvents', flavours: ['sentinel', 'defender'], connector: { ...MTP, dataTypes: ['DeviceImageLoadEvents'] },
    entities: ['DeviceId', 'DeviceName', 'InitiatingProcessAccountDomain', 'InitiatingProcessAccountName', 'FileName', 'FolderPath', 'InitiatingProcessFileName'],
    evidence: ['ActionType', 'SHA256', 'SHA1', 'MD5', 'InitiatingProcessSHA256', 'ReportId'],
    hash: FILE_HASHES,
    sentinelEntities: [hostEntity('DeviceName'), accountEntity('InitiatingProcessAccountName', 'InitiatingProcessAccountDomain')],
    defenderAsset: DEVICE_ASSET,
  },
  {
    name: 'DeviceEvents', flavours: ['sentinel', 'defender'], connector: { ...MTP, dataTypes: ['DeviceEvents'] },
    entities: ['DeviceId', 'DeviceName', 'InitiatingProcessAccountDomain', 'InitiatingProcessAccountName', 'InitiatingProcessFileName', 'InitiatingProcessCommandLine', 'FileName', 'FolderPath'],
    evidence: ['ActionType', 'RemoteIP', 'RemotePort', 'RemoteUrl', 'FileOriginUrl', 'SHA256', 'SHA1', 'MD5', 'AdditionalFields', 'ReportId'],
    ip: [{ column: 'RemoteIP', portColumn: 'RemotePort' }],
    domain: [
      { column: 'AdditionalFields.DnsQueryString', shape: 'host', expr: 'tostring(parse_json(AdditionalFields).DnsQueryString)', where: 'ActionType == "DnsQueryResponse"' },
      { column: 'RemoteUrl', shape: 'url' }, { column: 'FileOriginUrl', shape: 'url' },
    ],
    url: [{ column: 'RemoteUrl', shape: 'url' }, { column: 'FileOriginUrl', shape: 'url' }],
    hash: FILE_HASHES,
    sentinelEntities: [hostEntity('DeviceName'), accountEntity('InitiatingProcessAccountName', 'InitiatingProcessAccountDomain')],
    defenderAsset: DEVICE_ASSET,
  },
  SIGNIN('SigninLogs'),
  SIGNIN('AADNonInteractiveUserSignInLogs'),
  {
    name: 'DnsEvents', flavours: ['sentinel'], connector: { connectorId: 'DNS', dataTypes: ['DnsEvents'] },
    entities: ['Computer', 'ClientIP'], evidence: ['Name', 'IPAddresses', 'QueryType', 'SubType', 'ResultCode'],
    ip: [{ column: 'IPAddresses', list: true }],
    domain: [{ column: 'Name', shape: 'host' }],
    sentinelEntities: [hostEntity('Computer'), { entityType: 'IP', fields: [{ identifier: 'Address', column: 'ClientIP' }] }],
  },
  {
    name: 'AZFWNetworkRule', flavours: ['sentinel'], connector: { connectorId: 'AzureFirewall', dataTypes: ['AZFWNetworkRule'] },
    entities: ['SourceIp', 'DestinationIp'], evidence: ['SourcePort', 'DestinationPort', 'Protocol', 'Action', 'Rule', 'RuleCollection'],
    ip: [{ column: 'SourceIp', portColumn: 'SourcePort' }, { column: 'DestinationIp', portColumn: 'DestinationPort' }],
    sentinelEntities: [],
  },
  {
    name: 'AZFWApplicationRule', flavours: ['sentinel'], connector: { connectorId: 'AzureFirewall', dataTypes: ['AZFWApplicationRule'] },
    entities: ['SourceIp'], evidence: ['SourcePort', 'Fqdn', 'TargetUrl', 'DestinationPort', 'Protocol', 'Action', 'Rule'],
    ip: [{ column: 'SourceIp', portColumn: 'SourcePort' }],
    domain: [{ column: 'Fqdn', shape: 'host' }, { column: 'TargetUrl', shape: 'url' }],
    url: [{ column: 'TargetUrl', shape: 'url' }],
    sentinelEntities: [{ entityType: 'IP', fields: [{ identifier: 'Address', column: 'SourceIp' }] }],
  },
  {
    name: 'AZFWDnsQuery', flavours: ['sentinel'], connector: { connectorId: 'AzureFirewall', dataTypes: ['AZFWDnsQuery'] },
    entities: ['SourceIp'], evidence: ['QueryName', 'QueryType', 'ResponseCode'],
    domain: [{ column: 'QueryName', shape: 'host' }],
    sentinelEntities: [{ entityType: 'IP', fields: [{ identifier: 'Address', column: 'SourceIp' }] }],
  },
  {
    name: 'VMConnection', flavours: ['sentinel'], connector: { connectorId: 'AzureMonitor(VMInsights)', dataTypes: ['VMConnection'] },
    entities: ['Computer', 'ProcessName', 'SourceIp', 'DestinationIp'], evidence: ['Direction', 'Protocol', 'RemoteIp', 'DestinationPort', 'BytesSent', 'BytesReceived'],
    ip: [{ column: 'RemoteIp', portColumn: 'DestinationPort', where: 'Direction == "outbound"' }, { column: 'RemoteIp', where: 'Direction != "outbound"' },
      { column: 'SourceIp' }, { column: 'DestinationIp', portColumn: 'DestinationPort' }],
    sentinelEntities: [hostEntity('Computer')],
  },
  {
    name: 'UrlClickEvents', flavours: ['sentinel', 'defender'], connector: { ...MTP, dataTypes: ['UrlClickEvents'] },
    entities: ['AccountUpn', 'IPAddress', 'NetworkMessageId'], evidence: ['ActionType', 'Url', 'IsClickedThrough', 'Workload', 'ReportId'],
    domain: [{ column: 'Url', shape: 'url' }],
    url: [{ column: 'Url', shape: 'url' }],
    sentinelEntities: [{ entityType: 'Account', fields: [{ identifier: 'FullName', column: 'AccountUpn' }] }],
    defenderAsset: { odataType: '#microsoft.graph.security.impactedUserAsset', identifier: 'accountUpn' },
  },
  {
    name: 'EmailUrlInfo', flavours: ['sentinel', 'defender'], connector: { ...MTP, dataTypes: ['EmailUrlInfo'] },
    entities: ['NetworkMessageId'], evidence: ['Url', 'UrlDomain', 'UrlLocation', 'ReportId'],
    domain: [{ column: 'UrlDomain', shape: 'host' }],
    url: [{ column: 'Url', shape: 'url' }],
    sentinelEntities: [],
  },
  {
    name: 'SecurityEvent', flavours: ['sentinel'], connector: { connectorId: 'SecurityEvents', dataTypes: ['SecurityEvent'] },
    entities: ['Computer', 'Account', 'Process'], evidence: ['EventID', 'FilePath', 'FileHash'],
    hash: [{ column: 'FileHash', algo: 'any' }],
    sentinelEntities: [hostEntity('Computer'), { entityType: 'Account', fields: [{ identifier: 'FullName', column: 'Account' }] }],
  },
];

export const TIME_COLUMN: Record<Flavour, string> = { sentinel: 'TimeGenerated', defender: 'Timestamp' };

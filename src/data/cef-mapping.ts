// CEF extension keys → CommonSecurityLog columns (Microsoft's documented CEF mapping), short and full key names.
export const CEF_KEY_TO_COLUMN: Record<string, string> = {
  act: 'DeviceAction', app: 'ApplicationProtocol', cat: 'DeviceEventCategory', cnt: 'EventCount',
  deviceDirection: 'CommunicationDirection', dhost: 'DestinationHostName', destinationHostName: 'DestinationHostName',
  dmac: 'DestinationMACAddress', destinationMacAddress: 'DestinationMACAddress',
  dntdom: 'DestinationNTDomain', destinationNtDomain: 'DestinationNTDomain',
  dpid: 'DestinationProcessId', destinationProcessId: 'DestinationProcessId',
  dpriv: 'DestinationUserPrivileges', destinationUserPrivileges: 'DestinationUserPrivileges',
  dproc: 'DestinationProcessName', destinationProcessName: 'DestinationProcessName',
  dpt: 'DestinationPort', destinationPort: 'DestinationPort',
  dst: 'DestinationIP', destinationAddress: 'DestinationIP',
  destinationDnsDomain: 'DestinationDnsDomain', destinationServiceName: 'DestinationServiceName',
  destinationTranslatedAddress: 'DestinationTranslatedAddress', destinationTranslatedPort: 'DestinationTranslatedPort',
  duid: 'DestinationUserID', destinationUserId: 'DestinationUserID',
  duser: 'DestinationUserName', destinationUserName: 'DestinationUserName',
  dvc: 'DeviceAddress', deviceAddress: 'DeviceAddress', dvchost: 'DeviceName', deviceHostName: 'DeviceName',
  dvcmac: 'DeviceMacAddress', deviceMacAddress: 'DeviceMacAddress', dvcpid: 'ProcessID', deviceProcessId: 'ProcessID',
  deviceProcessName: 'ProcessName', deviceDnsDomain: 'DeviceDnsDomain', deviceNtDomain: 'DeviceNtDomain',
  deviceExternalId: 'DeviceExternalID', deviceFacility: 'DeviceFacility', deviceInboundInterface: 'DeviceInboundInterface',
  deviceOutboundInterface: 'DeviceOutboundInterface', devicePayloadId: 'DevicePayloadId',
  deviceTranslatedAddress: 'DeviceTranslatedAddress', dtz: 'DeviceTimeZone', deviceTimeZone: 'DeviceTimeZone',
  end: 'EndTime', externalId: 'ExtID', fileCreateTime: 'FileCreateTime', fileHash: 'FileHash', fileId: 'FileID',
  fileModificationTime: 'FileModificationTime', filePath: 'FilePath', filePermission: 'FilePermission',
  fileType: 'FileType', fname: 'FileName', fileName: 'FileName', fsize: 'FileSize', fileSize: 'FileSize',
  in: 'ReceivedBytes', bytesIn: 'ReceivedBytes', out: 'SentBytes', bytesOut: 'SentBytes',
  msg: 'Message', message: 'Message',
  oldFileCreateTime: 'OldFileCreateTime', oldFileHash: 'OldFileHash', oldFileId: 'OldFileID',
  oldFileModificationTime: 'OldFileModificationTime', oldFileName: 'OldFileName', oldFilePath: 'OldFilePath',
  oldFilePermission: 'OldFilePermission', oldFileSize: 'OldFileSize', oldFileType: 'OldFileType',
  outcome: 'EventOutcome', eventOutcome: 'EventOutcome', proto: 'Protocol', transportProtocol: 'Protocol',
  reason: 'Reason', request: 'RequestURL', requestUrl: 'RequestURL', requestClientApplication: 'RequestClientApplication',
  requestContext: 'RequestContext', requestCookies: 'RequestCookies', requestMethod: 'RequestMethod',
  rt: 'ReceiptTime', receiptTime: 'ReceiptTime',
  shost: 'SourceHostName', sourceHostName: 'SourceHostName', smac: 'SourceMACAddress', sourceMacAddress: 'SourceMACAddress',
  sntdom: 'SourceNTDomain', sourceNtDomain: 'SourceNTDomain', sourceDnsDomain: 'SourceDnsDomain',
  sourceServiceName: 'SourceServiceName', sourceTranslatedAddress: 'SourceTranslatedAddress',
  sourceTranslatedPort: 'SourceTranslatedPort', spid: 'SourceProcessId', sourceProcessId: 'SourceProcessId',
  spriv: 'SourceUserPrivileges', sourceUserPrivileges: 'SourceUserPrivileges',
  sproc: 'SourceProcessName', sourceProcessName: 'SourceProcessName', spt: 'SourcePort', sourcePort: 'SourcePort',
  src: 'SourceIP', sourceAddress: 'SourceIP', start: 'StartTime', suid: 'SourceUserID', sourceUserId: 'SourceUserID',
  suser: 'SourceUserName', sourceUserName: 'SourceUserName', type: 'EventType',
};

// Numbered families: cs1..cs6, cn1..cn3, cfp1..cfp4, c6a1..c6a4, deviceCustomDate1..2, flexString1..2, flexNumber1..2, flexDate1
const FAMILIES: [short: string | null, full: string, column: string, max: number][] = [
  ['cs', 'deviceCustomString', 'DeviceCustomString', 6],
  ['cn', 'deviceCustomNumber', 'DeviceCustomNumber', 3],
  ['cfp', 'deviceCustomFloatingPoint', 'DeviceCustomFloatingPoint', 4],
  ['c6a', 'deviceCustomIPv6Address', 'DeviceCustomIPv6Address', 4],
  [null, 'deviceCustomDate', 'DeviceCustomDate', 2],
  [null, 'flexString', 'FlexString', 2],
  [null, 'flexNumber', 'FlexNumber', 2],
  [null, 'flexDate', 'FlexDate', 1],
];
for (const [short, full, column, max] of FAMILIES) {
  for (let n = 1; n <= max; n++) {
    for (const k of short ? [short + n, full + n] : [full + n]) {
      CEF_KEY_TO_COLUMN[k] = column + n;
      CEF_KEY_TO_COLUMN[k + 'Label'] = column + n + 'Label';
    }
  }
}

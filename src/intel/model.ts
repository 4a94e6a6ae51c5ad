// The normalized IOC model shared by intel import, detect and hunt (see PRODUCT.md, "IOC model").

export type IocType = 'ipv4' | 'ipv6' | 'cidr' | 'domain' | 'url' | 'md5' | 'sha1' | 'sha256' | 'email';

export const IOC_TYPES: readonly IocType[] = ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'md5', 'sha1', 'sha256', 'email'];

export interface Ioc {
  type: IocType;
  /** Canonical value: refanged; domains lower-case, no trailing dot, punycode; IPs canonical text; hashes lower-case hex. */
  value: string;
  /** Port from an `ip:port` / `host:port` indicator (split on the last colon). */
  port?: number;
  family?: string;
  threatType?: string;
  /** 0..100 */
  confidence?: number;
  /** ISO-8601 UTC */
  firstSeen?: string;
  lastSeen?: string;
  tags: string[];
  /** Every `file:location` the IOC came from. */
  sources: string[];
  reference?: string;
  /** Names of false-positive lists (MISP warninglists) the value falls in; flagged IOCs are not hunted by default. */
  warnings?: string[];
}

export interface RejectedIoc {
  source: string;
  location: string;
  input: string;
  reason: string;
}

export interface IocSet {
  iocs: Ioc[];
  rejected: RejectedIoc[];
}

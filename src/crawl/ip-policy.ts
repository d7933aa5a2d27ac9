/**
 * Which IP addresses the crawler may connect to. Public websites live on public addresses; a
 * link or a DNS answer pointing at a private, loopback or link-local address is refused
 * (SSRF), unless the run explicitly allows it (the local fixture farm).
 */
import { BlockList, isIP } from 'node:net';

const NON_PUBLIC_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const NON_PUBLIC_V6: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blockList = new BlockList();
for (const [address, prefix] of NON_PUBLIC_V4) blockList.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of NON_PUBLIC_V6) blockList.addSubnet(address, prefix, 'ipv6');

/** Expands an IPv6 address to its eight 16-bit groups. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // A trailing dotted IPv4 ("::ffff:127.0.0.1") counts for two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const bytes = dotted[1].split('.').map(Number);
    const high = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
    const low = ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
    text = `${text.slice(0, -dotted[1].length)}${high.toString(16)}:${low.toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  const numbers = groups.map((group) => Number.parseInt(group, 16));
  return numbers.length === 8 && numbers.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff)
    ? numbers
    : null;
}

function v4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped, IPv4-compatible, NAT64, 6to4), if any. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (g === null) return null;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = g;
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && (g5 === 0xffff || g5 === 0)) return v4FromGroups(g6, g7); // ::ffff:a.b.c.d, ::a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b) return v4FromGroups(g6, g7); // 64:ff9b::/96 NAT64
  if (g0 === 0x2002) return v4FromGroups(g1 ?? 0, g2 ?? 0); // 6to4
  return null;
}

/** True for addresses the public web may use; false for private, loopback, link-local, CGNAT… */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blockList.check(address, 'ipv4');
  if (family === 6) {
    const inner = embeddedIpv4(address);
    // "::" and "::1" also match the IPv4-compatible form: keep them on the IPv6 rules.
    if (inner !== null && inner !== '0.0.0.0' && inner !== '0.0.0.1') return isPublicAddress(inner);
    const withoutZone = address.split('%')[0] ?? address;
    return !blockList.check(withoutZone, 'ipv6');
  }
  return false;
}

// `cidr` matching for IPv4 and IPv6. Addresses become 32-bit words (one for IPv4, four for IPv6)
// so a match is a few integer AND/compare operations.

/** A parsed CIDR block. */
export interface CidrRange {
  family: 4 | 6;
  /** Network address words, already masked. */
  network: readonly number[];
  /** Mask words. */
  mask: readonly number[];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Parses a dotted-quad IPv4 address to an unsigned 32-bit integer, or `undefined`. */
export function parseIpv4(text: string): number | undefined {
  const match = IPV4.exec(text);
  if (match === null) return undefined;
  let result = 0;
  for (let i = 1; i <= 4; i++) {
    const part = match[i] ?? '';
    // Leading zeros are ambiguous (octal in some parsers): refuse them rather than guess.
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    result = result * 256 + octet;
  }
  return result;
}

/** Parses an IPv6 address (with `::` and an optional trailing IPv4 part) to four 32-bit words. */
export function parseIpv6(text: string): number[] | undefined {
  if (text.length < 2 || text.length > 45 || !text.includes(':')) return undefined;
  const doubleColon = text.indexOf('::');
  if (doubleColon !== text.lastIndexOf('::')) return undefined;
  const head = doubleColon < 0 ? text : text.slice(0, doubleColon);
  const tail = doubleColon < 0 ? '' : text.slice(doubleColon + 2);
  // An embedded IPv4 part may only end the address.
  const headGroups = parseGroups(head, doubleColon < 0);
  const tailGroups = parseGroups(tail, true);
  if (headGroups === undefined || tailGroups === undefined) return undefined;
  const total = headGroups.length + tailGroups.length;
  if (doubleColon < 0 ? total !== 8 : total > 7) return undefined;
  const groups = [...headGroups, ...new Array<number>(8 - total).fill(0), ...tailGroups];
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(((groups[i] ?? 0) * 0x10000 + (groups[i + 1] ?? 0)) >>> 0);
  return words;
}

function parseGroups(part: string, allowIpv4: boolean): number[] | undefined {
  if (part === '') return [];
  const pieces = part.split(':');
  const groups: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (allowIpv4 && i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (v4 === undefined) return undefined;
      groups.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
    } else if (HEX_GROUP.test(piece)) {
      groups.push(Number.parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** Parses `address/length` (IPv4 or IPv6), or returns the reason it is invalid. */
export function parseCidr(text: string): CidrRange | string {
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) return `invalid CIDR "${text}": expected address/length`;
  const address = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  const v4 = parseIpv4(address);
  const words = v4 === undefined ? parseIpv6(address) : [v4];
  if (words === undefined) return `invalid CIDR "${text}": "${address}" is not an IPv4 or IPv6 address`;
  const family = v4 === undefined ? 6 : 4;
  const maxLength = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(lengthText) || Number(lengthText) > maxLength) {
    return `invalid CIDR "${text}": prefix length must be 0 to ${maxLength}`;
  }
  let remaining = Number(lengthText);
  const mask = words.map(() => {
    const bits = Math.min(32, remaining);
    remaining -= bits;
    return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  });
  const network = words.map((word, i) => (word & (mask[i] ?? 0)) >>> 0);
  return { family, network, mask };
}

/** True when the string `text` is an IP address of the range's family inside the range. */
export function cidrContains(range: CidrRange, text: string): boolean {
  if (range.family === 4) {
    const ip = parseIpv4(text);
    return ip !== undefined && (ip & (range.mask[0] ?? 0)) >>> 0 === range.network[0];
  }
  const words = parseIpv6(text);
  if (words === undefined) return false;
  for (let i = 0; i < 4; i++) {
    if (((words[i] ?? 0) & (range.mask[i] ?? 0)) >>> 0 !== range.network[i]) return false;
  }
  return true;
}

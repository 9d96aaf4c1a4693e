import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key pairing attempts are counted under. An IPv4 address as is (also when it arrives
 * IPv4-mapped, ::ffff:a.b.c.d); an IPv6 address by its /64, since one machine can use any address
 * of its /64 and would otherwise get a fresh allowance per address.
 */
export function sourceKey(address: string | undefined): string {
  if (!address) return 'in-process';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address.slice(0, 64);
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

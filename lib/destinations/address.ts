// Which network an IP address belongs to, for the destinations' SSRF guard: a webhook may only reach
// public addresses unless TANDEM_DESTINATIONS_ALLOW_PRIVATE=1, and never the cloud metadata service.
// Pure (no DNS): lib/destinations/http-send.ts resolves names and checks every address with this.
import net from "node:net";

export type AddressClass = "public" | "loopback" | "private" | "link-local" | "metadata" | "unspecified" | "multicast" | "reserved" | "invalid";

/** Classes allowed only with TANDEM_DESTINATIONS_ALLOW_PRIVATE=1 (tests, a webhook on the same network). */
export const PRIVATE_CLASSES: readonly AddressClass[] = ["loopback", "private", "link-local"];

function v4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4(n: number, base: string, bits: number): boolean {
  const b = v4ToInt(base);
  const size = 2 ** (32 - bits);
  return n >= b && n < b + size;
}

function classifyV4(ip: string): AddressClass {
  const n = v4ToInt(ip);
  if (ip === "169.254.169.254" || ip === "169.254.170.2" || ip === "100.100.100.200") return "metadata";
  if (inV4(n, "0.0.0.0", 8)) return "unspecified";
  if (inV4(n, "127.0.0.0", 8)) return "loopback";
  if (inV4(n, "10.0.0.0", 8) || inV4(n, "172.16.0.0", 12) || inV4(n, "192.168.0.0", 16) || inV4(n, "100.64.0.0", 10)) return "private";
  if (inV4(n, "169.254.0.0", 16)) return "link-local";
  if (inV4(n, "224.0.0.0", 4)) return "multicast";
  if (inV4(n, "240.0.0.0", 4) || inV4(n, "192.0.0.0", 24) || inV4(n, "198.18.0.0", 15) || inV4(n, "192.0.2.0", 24) || inV4(n, "198.51.100.0", 24) || inV4(n, "203.0.113.0", 24))
    return "reserved";
  return "public";
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail expanded). */
function v6Groups(ip: string): number[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  const dotted = s.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const n = v4ToInt(dotted[2]!);
    s = `${dotted[1]}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array(Math.max(0, fill)).fill("0"), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function classifyV6(ip: string): AddressClass {
  const g = v6Groups(ip);
  if (!g) return "invalid";
  const v4Tail = () => `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  const zeroPrefix = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (g.every((x) => x === 0)) return "unspecified";
  if (zeroPrefix(7) && g[7] === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
  if (zeroPrefix(5) && g[5] === 0xffff) return classifyV4(v4Tail());
  if (zeroPrefix(6)) return classifyV4(v4Tail());
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(v4Tail());
  // 6to4 (2002:a.b.c.d::/48) embeds its IPv4 address in groups 1–2.
  if (g[0] === 0x2002) return classifyV4(`${g[1]! >> 8}.${g[1]! & 255}.${g[2]! >> 8}.${g[2]! & 255}`);
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && zeroPrefix(0) && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return "metadata";
  if ((g[0]! & 0xfe00) === 0xfc00) return "private";
  if ((g[0]! & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0]! & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((g[0]! & 0xff00) === 0xff00) return "multicast";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "reserved";
  if (g[0] === 0x0100 && zeroPrefix(0) && g.slice(1, 4).every((x) => x === 0)) return "reserved"; // discard-only
  return "public";
}

export function classifyAddress(ip: string): AddressClass {
  const bare = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  const family = net.isIP(bare.split("%")[0]!);
  if (family === 4) return classifyV4(bare);
  if (family === 6) return classifyV6(bare);
  return "invalid";
}

/** Null when a webhook may connect to the address, else why not (a sentence that says how to fix it). */
export function refuseAddress(ip: string, allowPrivate: boolean): string | null {
  const c = classifyAddress(ip);
  if (c === "public") return null;
  if (allowPrivate && PRIVATE_CLASSES.includes(c)) return null;
  if (c === "metadata") return `${ip} is a cloud metadata address: destinations may never reach it.`;
  if (PRIVATE_CLASSES.includes(c))
    return `${ip} is a ${c} address: destinations may only reach public addresses (set TANDEM_DESTINATIONS_ALLOW_PRIVATE=1 to allow loopback, private and link-local ones).`;
  return `${ip} is a ${c} address, which a webhook cannot be sent to.`;
}

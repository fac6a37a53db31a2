// Deterministic, UUID-shaped ids for demo rows: a 128-bit hash of (seed, kind, a, b), so the same
// seed always yields the same ids and the database's gen_random_uuid() default is never used.
// Four independently-salted murmur3 lanes make an accidental collision as unlikely as for random
// v4 UUIDs at these volumes (millions of rows).
import { fmix32, hashString, mixWord } from "./prng";

const kindHashes = new Map<string, number>();
const LANE_SALTS = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];

function kindHash(kind: string): number {
  let h = kindHashes.get(kind);
  if (h === undefined) {
    h = hashString(kind);
    kindHashes.set(kind, h);
  }
  return h;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex8(n: number): string {
  return BYTE_HEX[n >>> 24] + BYTE_HEX[(n >>> 16) & 0xff] + BYTE_HEX[(n >>> 8) & 0xff] + BYTE_HEX[n & 0xff];
}

/** The four 32-bit words of the id for (seed, kind, a, b). */
export function idWords(seed: number, kind: string, a: number, b = 0): [number, number, number, number] {
  const k = kindHash(kind);
  const lane = (salt: number) => fmix32(mixWord(mixWord(mixWord(mixWord(salt, seed), k), a), b) ^ 16);
  return [lane(LANE_SALTS[0]), lane(LANE_SALTS[1]), lane(LANE_SALTS[2]), lane(LANE_SALTS[3])];
}

/** A version-4-shaped UUID (the bits are a hash, not random, but every UUID parser accepts it). */
export function demoId(seed: number, kind: string, a: number, b = 0): string {
  const [w0, w1, w2, w3] = idWords(seed, kind, a, b);
  const h = hex8(w0) + hex8(w1) + hex8(w2) + hex8(w3);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** 32 hex characters (message ids in analytics.js style, "ajs-next-<hex>"). */
export function demoHex(seed: number, kind: string, a: number, b = 0): string {
  const [w0, w1, w2, w3] = idWords(seed, kind, a, b);
  return hex8(w0) + hex8(w1) + hex8(w2) + hex8(w3);
}

/** A short opaque id with a prefix, e.g. "usr_3f9a0c1b2d4e" (user ids and account ids look like this in real apps). */
export function demoShortId(prefix: string, seed: number, kind: string, a: number, b = 0): string {
  const [w0, w1] = idWords(seed, kind, a, b);
  return `${prefix}_${hex8(w0)}${hex8(w1).slice(0, 6)}`;
}

// Random ids. crypto.randomUUID exists only in secure contexts (not on a plain-http site), so a v4
// UUID is formatted from getRandomValues bytes instead.

/** A version-4 UUID from 16 random bytes. */
export function uuidFromBytes(bytes: Uint8Array): string {
  const b = Array.from(bytes.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.map((x) => (x + 0x100).toString(16).slice(1)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newId(randomBytes: (n: number) => Uint8Array): string {
  return uuidFromBytes(randomBytes(16));
}

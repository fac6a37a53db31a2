import { describe, expect, it } from "vitest";
import { normalisePeer, PEER_HEADER, peerAddress } from "./peer";

describe("peerAddress", () => {
  it.each([
    ["a Headers object", new Headers({ [PEER_HEADER]: "203.0.113.7" }), "203.0.113.7"],
    ["next-auth's plain object", { [PEER_HEADER]: "2001:db8::1" }, "2001:db8::1"],
    ["an IPv4-mapped IPv6 address", { [PEER_HEADER]: "::ffff:198.51.100.4" }, "198.51.100.4"],
    ["a repeated header (first value)", { [PEER_HEADER]: ["192.0.2.1", "192.0.2.2"] }, "192.0.2.1"],
    ["no header", new Headers(), "unknown"],
    ["only X-Forwarded-For", new Headers({ "x-forwarded-for": "192.0.2.9" }), "unknown"],
    ["a value that is no address", { [PEER_HEADER]: "evil, 1.2.3.4" }, "unknown"],
    ["an absurdly long value", { [PEER_HEADER]: "1".repeat(65) }, "unknown"],
    ["no headers at all", undefined, "unknown"],
  ])("reads %s behind the collector", (_name, headers, expected) => {
    expect(peerAddress(headers, true)).toBe(expected);
  });

  it("ignores the header when no collector is in front (it could come from the client)", () => {
    expect(peerAddress(new Headers({ [PEER_HEADER]: "203.0.113.7" }), false)).toBe("unknown");
  });

  it.each([
    [" ::1 ", "::1"],
    ["fe80::1%eth0", "fe80::1%eth0"],
    ["::FFFF:10.0.0.1", "10.0.0.1"],
    ["", null],
    [null, null],
    ["1.2.3.4\r\nx: y", null],
  ])("normalisePeer(%j) is %j", (raw, expected) => {
    expect(normalisePeer(raw)).toBe(expected);
  });
});

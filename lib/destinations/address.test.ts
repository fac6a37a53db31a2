import { describe, expect, it } from "vitest";
import { classifyAddress, refuseAddress, type AddressClass } from "./address";

const TABLE: [string, AddressClass][] = [
  ["93.184.216.34", "public"],
  ["8.8.8.8", "public"],
  ["127.0.0.1", "loopback"],
  ["127.255.0.9", "loopback"],
  ["10.1.2.3", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["172.32.0.1", "public"],
  ["192.168.1.1", "private"],
  ["100.64.0.1", "private"],
  ["169.254.1.1", "link-local"],
  ["169.254.169.254", "metadata"],
  ["0.0.0.0", "unspecified"],
  ["224.0.0.1", "multicast"],
  ["255.255.255.255", "reserved"],
  ["::1", "loopback"],
  ["::", "unspecified"],
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["::ffff:169.254.169.254", "metadata"],
  ["::ffff:10.0.0.1", "private"],
  ["::ffff:8.8.8.8", "public"],
  ["64:ff9b::a9fe:a9fe", "metadata"],
  ["2002:7f00:1::", "loopback"],
  ["fd00:ec2::254", "metadata"],
  ["fd12:3456::1", "private"],
  ["fc00::1", "private"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["ff02::1", "multicast"],
  ["[::1]", "loopback"],
  ["2606:4700:4700::1111", "public"],
  ["2001:db8::1", "reserved"],
  ["example.com", "invalid"],
  ["1.2.3", "invalid"],
];

describe("classifyAddress", () => {
  it.each(TABLE)("%s is %s", (ip, expected) => expect(classifyAddress(ip)).toBe(expected));
});

describe("refuseAddress", () => {
  it.each([
    ["8.8.8.8", false, null],
    ["127.0.0.1", false, "loopback"],
    ["127.0.0.1", true, null],
    ["10.0.0.1", true, null],
    ["fe80::1", true, null],
    ["169.254.169.254", true, "metadata"],
    ["fd00:ec2::254", true, "metadata"],
    ["::ffff:169.254.169.254", true, "metadata"],
    ["0.0.0.0", true, "unspecified"],
  ] as const)("%s with allowPrivate=%s → %s", (ip, allow, expected) => {
    const r = refuseAddress(ip, allow);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toContain(expected);
  });
});

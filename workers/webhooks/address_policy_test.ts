import assert from "node:assert/strict";
import { classifyAddress, isDeliverable, parseIpv4, parseIpv6 } from "./address_policy.ts";

Deno.test("[webhooks] address classifier", async (t) => {
  await t.step("IPv4 ranges", () => {
    const cases: [string, string][] = [
      ["8.8.8.8", "public"],
      ["127.0.0.1", "loopback"],
      ["127.255.1.2", "loopback"],
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["172.31.255.255", "private"],
      ["172.32.0.1", "public"],
      ["192.168.1.1", "private"],
      ["169.254.169.254", "metadata"],
      ["169.254.1.1", "link-local"],
      ["100.64.0.1", "cgnat"],
      ["100.127.255.255", "cgnat"],
      ["100.128.0.1", "public"],
      ["0.0.0.0", "unspecified"],
      ["224.0.0.1", "multicast"],
      ["255.255.255.255", "reserved"],
      ["192.0.2.10", "reserved"],
    ];
    for (const [address, kind] of cases) assert.equal(classifyAddress(address), kind, address);
  });

  await t.step("decimal, hex, octal and short IPv4 forms mean the address they spell", () => {
    assert.deepEqual(parseIpv4("2130706433"), [127, 0, 0, 1]);
    assert.deepEqual(parseIpv4("0x7f000001"), [127, 0, 0, 1]);
    assert.deepEqual(parseIpv4("0177.0.0.1"), [127, 0, 0, 1]);
    assert.deepEqual(parseIpv4("127.1"), [127, 0, 0, 1]);
    assert.deepEqual(parseIpv4("0xa9.0xfe.0xa9.0xfe"), [169, 254, 169, 254]);
    assert.equal(classifyAddress("2852039166"), "metadata"); // 169.254.169.254
    assert.equal(classifyAddress("0x0a000001"), "private");
    assert.equal(parseIpv4("256.0.0.1"), undefined);
    assert.equal(parseIpv4("1.2.3.4.5"), undefined);
    assert.equal(parseIpv4("4294967296"), undefined);
    assert.equal(parseIpv4("example.com"), undefined);
  });

  await t.step("IPv6 ranges", () => {
    const cases: [string, string][] = [
      ["2606:4700::1111", "public"],
      ["::1", "loopback"],
      ["[::1]", "loopback"],
      ["::", "unspecified"],
      ["fd12:3456::1", "private"],
      ["fc00::1", "private"],
      ["fe80::1%eth0", "link-local"],
      ["fd00:ec2::254", "metadata"],
      ["ff02::1", "multicast"],
      ["2001:db8::1", "reserved"],
    ];
    for (const [address, kind] of cases) assert.equal(classifyAddress(address), kind, address);
  });

  await t.step("IPv4 inside IPv6 is judged as that IPv4", () => {
    assert.equal(classifyAddress("::ffff:127.0.0.1"), "loopback");
    assert.equal(classifyAddress("::ffff:7f00:1"), "loopback");
    assert.equal(classifyAddress("[::ffff:169.254.169.254]"), "metadata");
    assert.equal(classifyAddress("::ffff:10.0.0.1"), "private");
    assert.equal(classifyAddress("::ffff:8.8.8.8"), "public");
    assert.equal(classifyAddress("64:ff9b::a00:1"), "private"); // NAT64 of 10.0.0.1
    assert.equal(classifyAddress("2002:7f00:1::"), "loopback"); // 6to4 of 127.0.0.1
  });

  await t.step("malformed IPv6 is no address", () => {
    assert.equal(parseIpv6("1::2::3"), undefined);
    assert.equal(parseIpv6("1:2:3:4:5:6:7:8:9"), undefined);
    assert.equal(parseIpv6("12345::"), undefined);
    assert.equal(classifyAddress("hooks.example.com"), undefined);
  });

  await t.step("only public addresses are deliverable; loopback when allowed", () => {
    assert.equal(isDeliverable("public", { allowLoopback: false }), true);
    assert.equal(isDeliverable("loopback", { allowLoopback: false }), false);
    assert.equal(isDeliverable("loopback", { allowLoopback: true }), true);
    for (const kind of ["private", "metadata", "link-local", "cgnat", "multicast"] as const) {
      assert.equal(isDeliverable(kind, { allowLoopback: true }), false, kind);
    }
  });
});

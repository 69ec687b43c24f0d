import assert from "node:assert/strict";
import { createUrlGuard, type Resolver } from "./url_guard.ts";

/** DNS answers from a table, as the test decides them. */
function fakeDns(table: Record<string, string[]>): Resolver {
  return (hostname) => Promise.resolve(table[hostname] ?? []);
}

Deno.test("[webhooks] URL guard", async (t) => {
  const dns: Record<string, string[]> = {
    "hooks.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "sneaky.example.com": ["93.184.215.14", "10.0.0.7"],
    "metadata.example.com": ["169.254.169.254"],
  };
  const production = createUrlGuard({ allowLoopback: false, resolve: fakeDns(dns) });
  const development = createUrlGuard({ allowLoopback: true, resolve: fakeDns(dns) });

  await t.step("a public host passes, with the addresses to pin", async () => {
    const checked = await production("https://hooks.example.com/fitconnect");
    assert.ok(checked.ok);
    assert.deepEqual(checked.addresses, dns["hooks.example.com"]);
  });

  await t.step("a name with any non-public address is refused", async () => {
    const sneaky = await production("https://sneaky.example.com/");
    assert.equal(sneaky.ok, false);
    assert.match(!sneaky.ok ? sneaky.reason : "", /10\.0\.0\.7, a private address/);
    const metadata = await production("http://metadata.example.com/");
    assert.match(!metadata.ok ? metadata.reason : "", /metadata/);
  });

  await t.step("loopback is refused unless allowed; the rest stays refused", async () => {
    for (const url of ["http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/"]) {
      assert.equal((await production(url)).ok, false, url);
      assert.equal((await development(url)).ok, true, url);
    }
    for (const url of ["http://10.0.0.1/", "http://0xa9fea9fe/", "http://[fe80::1]/"]) {
      assert.equal((await development(url)).ok, false, url);
    }
  });

  await t.step("other schemes, credentials and unresolvable hosts are refused", async () => {
    for (
      const url of [
        "ftp://hooks.example.com/",
        "file:///etc/passwd",
        "https://user:pass@hooks.example.com/",
        "https://nowhere.example.com/",
        "not a url",
      ]
    ) {
      assert.equal((await production(url)).ok, false, url);
    }
  });

  await t.step("legacy IPv4 spellings are judged as the address they mean", async () => {
    for (const url of ["http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/"]) {
      const checked = await production(url);
      assert.match(!checked.ok ? checked.reason : "", /127\.0\.0\.1, a loopback/, url);
    }
  });

  await t.step("a name that rebinds to a private address is refused at delivery", async () => {
    const answers = [["93.184.215.14"], ["192.168.1.10"]];
    const rebinding = createUrlGuard({
      allowLoopback: false,
      resolve: () => Promise.resolve(answers.shift() ?? []),
    });
    assert.equal((await rebinding("http://rebind.example.com/")).ok, true);
    assert.equal((await rebinding("http://rebind.example.com/")).ok, false);
  });
});

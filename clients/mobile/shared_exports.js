/**
 * The `@fitconnect/clients-shared/*` specifiers, read from clients/shared/deno.json's
 * `exports` (the one list the web app resolves through too), as absolute file paths. Metro,
 * Jest and the TypeScript config all resolve the shared package from here: nothing is copied.
 */
const fs = require("node:fs");
const path = require("node:path");

const sharedRoot = path.resolve(__dirname, "../shared");
const manifest = JSON.parse(fs.readFileSync(path.join(sharedRoot, "deno.json"), "utf8"));
const packageName = manifest.name;

/** `{ "@fitconnect/clients-shared/offline": "/abs/clients/shared/offline/queue.ts", ... }` */
const sharedExports = Object.fromEntries(
  Object.entries(manifest.exports).map(([subpath, file]) => [
    packageName + subpath.slice(1),
    path.join(sharedRoot, file),
  ]),
);

module.exports = { sharedRoot, packageName, sharedExports };

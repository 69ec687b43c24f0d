// Puts Node's real fetch back (see ./real_network_env.js): the integration suite's requests
// go to the real platform over loopback.
const node = (globalThis as { __nodeFetch?: Record<string, unknown> }).__nodeFetch;
if (node) Object.assign(globalThis, node);


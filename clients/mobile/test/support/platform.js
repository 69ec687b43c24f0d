/**
 * The real platform for the integration suite: `deno task start` from the repository's root
 * (the command a developer runs, with its runtime configuration) on a free port with a scratch
 * data directory, plus a local server that records what the platform sends to
 * Expo's push service (FITCONNECT_EXPO_PUSH_URL) and answers like it.
 */
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");

const repoRoot = path.resolve(__dirname, "../../../..");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Records every request; answers `/--/api/v2/push/send` with one ok ticket per message. */
async function startPushRecorder() {
  const recorded = [];
  let tickets = 0;
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (request.method === "GET" && request.url === "/__recorded") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(recorded));
        return;
      }
      let json;
      try {
        json = JSON.parse(body);
      } catch {
        json = body;
      }
      recorded.push({ method: request.method, path: request.url, headers: request.headers, body: json });
      response.writeHead(200, { "content-type": "application/json" });
      if (request.url.endsWith("/push/send")) {
        const messages = Array.isArray(json) ? json : [json];
        response.end(JSON.stringify({ data: messages.map(() => ({ status: "ok", id: `ticket-${++tickets}` })) }));
      } else if (request.url.endsWith("/push/getReceipts")) {
        const ids = (json && json.ids) || [];
        response.end(JSON.stringify({ data: Object.fromEntries(ids.map((id) => [id, { status: "ok" }])) }));
      } else {
        response.end("{}");
      }
    });
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Starts the platform; resolves once it answers. */
async function startPlatform() {
  const recorder = await startPushRecorder();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fitconnect-mobile-"));
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), "fitconnect-mobile-web-"));
  const env = {
    PORT: String(port),
    FITCONNECT_DATA_DIR: dataDir,
    // No web app to build or serve: the API is what the phone talks to.
    FITCONNECT_WEB_DIR: webDir,
    FITCONNECT_AUTH_IP_LIMIT: "100000",
    FITCONNECT_EXPO_PUSH_URL: recorder.url,
    LOG_LEVEL: "warn",
  };
  // Only what Deno needs: DATABASE_URL & co. would point the platform at shared servers.
  for (const name of ["PATH", "HOME", "DENO_DIR", "TMPDIR", "XDG_CACHE_HOME", "NO_COLOR"]) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  // Its own process group: `deno task` runs the platform as a child, and stopping signals both.
  const child = spawn("deno", ["task", "start"], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (chunk) => (log = (log + chunk).slice(-20_000)));
  let exited = false;
  child.on("exit", () => (exited = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      const signal = (name) => {
        try {
          process.kill(-child.pid, name);
        } catch {
          // The group is gone already.
        }
      };
      signal("SIGTERM");
      await new Promise((resolve) => {
        const timer = setTimeout(() => signal("SIGKILL"), 10_000);
        child.once("exit", () => resolve(clearTimeout(timer)));
      });
    }
    await recorder.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(webDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`the platform exited while starting:\n${log}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the platform did not start within 120 s:\n${log}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl, recorderUrl: recorder.url, stop };
}

module.exports = { startPlatform };

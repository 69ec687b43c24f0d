/**
 * The settings every worker reads from its environment: stores, logging, the
 * internal secret and CORS. Each worker's `main.ts` parses these (plus its
 * own) once at start.
 *
 * @module
 */
import * as v from "valibot";
import {
  choiceSetting,
  type Env,
  listSetting,
  millisecondsSetting,
  parseConfig,
  portSetting,
} from "../config/parse_config.ts";
import { peerUrlVariable, type WorkerName } from "./workers.ts";

const logLevels = ["debug", "info", "warn", "error", "silent"] as const;

/** Environment entries shared by every worker. */
export const platformEntries = {
  PORT: portSetting(8000),
  LOG_LEVEL: choiceSetting(logLevels, "info"),
  /** Where the embedded stores keep their files. */
  FITCONNECT_DATA_DIR: v.optional(v.string(), ".data"),
  /** Neon (or any PostgreSQL) URL; without it the worker uses embedded PGlite. */
  DATABASE_URL: v.optional(
    v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, "a postgres:// URL")),
  ),
  /** Dev and CI only: `host:port` of tools/neon_ws_proxy.ts in front of a local PostgreSQL. */
  NEON_WS_PROXY: v.optional(v.pipe(v.string(), v.regex(/^[\w.-]+:\d+$/, "host:port"))),
  UPSTASH_REDIS_REST_URL: v.optional(v.pipe(v.string(), v.url("an http(s) URL"))),
  UPSTASH_REDIS_REST_TOKEN: v.optional(v.string()),
  /** Shared by all workers; authenticates calls between them. */
  FITCONNECT_INTERNAL_SECRET: v.pipe(
    v.string(),
    v.minLength(32, "at least 32 characters"),
  ),
  FITCONNECT_CORS_ORIGINS: listSetting("*"),
  /** Proxies in front of the gateway whose X-Forwarded-For is believed (IPs or CIDRs). */
  FITCONNECT_TRUSTED_PROXIES: listSetting(""),
  /** Deno KV file shared by the processes of `start:split` (default `${FITCONNECT_DATA_DIR}/kv.sqlite3`). */
  FITCONNECT_KV_PATH: v.optional(v.string()),
  /** How often each isolate reports its metrics' deltas to the metrics worker. */
  FITCONNECT_METRICS_REPORT_INTERVAL_MS: millisecondsSetting(10_000, 100),
  /** `off` turns the key-value read caches off (to measure the cold path). */
  FITCONNECT_CACHE: choiceSetting(["on", "off"] as const, "on"),
};

const platformSchema = v.pipe(
  v.object(platformEntries),
  // A partial check runs even when unrelated keys are bad, so one run names them all.
  v.forward(
    v.partialCheck(
      [["UPSTASH_REDIS_REST_URL"], ["UPSTASH_REDIS_REST_TOKEN"]],
      (config) => !config.UPSTASH_REDIS_REST_URL || !!config.UPSTASH_REDIS_REST_TOKEN,
      "set together with UPSTASH_REDIS_REST_URL",
    ),
    ["UPSTASH_REDIS_REST_TOKEN"],
  ),
);

/** The parsed platform settings. */
export type PlatformConfig = v.InferOutput<typeof platformSchema>;

/** Parses the platform settings, failing fast with every bad key named. */
export function parsePlatformConfig(env: Env): PlatformConfig {
  return parseConfig(platformSchema, env);
}

/** Parses the URLs of the given peers (`FITCONNECT_AUTH_URL`, …), all required. */
export function parsePeerUrls<const N extends WorkerName>(
  peers: readonly N[],
  env: Env,
): Record<N, string> {
  const urls = parsePeerUrlLists(peers, env);
  return Object.fromEntries(peers.map((peer) => [peer, urls[peer][0]])) as Record<N, string>;
}

/**
 * Parses the URLs of the given peers, each one URL or several separated by
 * commas: the processes of one worker that split's `--replicas` started.
 */
export function parsePeerUrlLists<const N extends WorkerName>(
  peers: readonly N[],
  env: Env,
): Record<N, string[]> {
  const urlList = v.pipe(
    v.string(),
    v.transform((value) => value.split(",").map((url) => url.trim())),
    v.array(v.pipe(v.string(), v.url("an http(s) URL, or several separated by commas"))),
  );
  const entries = Object.fromEntries(peers.map((peer) => [peerUrlVariable(peer), urlList]));
  const parsed = parseConfig(v.object(entries), env) as Record<string, string[]>;
  return Object.fromEntries(
    peers.map((peer) => [peer, parsed[peerUrlVariable(peer)]]),
  ) as Record<N, string[]>;
}

/**
 * `/v1/me/devices`: where a member's push notifications go (the REST gateway
 * sends this path here, ahead of the users worker's `/v1/me/*`). HTTP only;
 * the use cases live in ./devices.ts.
 *
 * @module
 */
import { Hono } from "hono";
import { requireAuth, requireScope } from "../../shared/auth/middleware.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { pageBody, withNextLink } from "../../shared/http/paging.ts";
import { jsonBody, queryParams } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import {
  type DeviceBody,
  deviceCursorOf,
  devicesQuerySchema,
  registerDeviceSchema,
} from "./device_schema.ts";
import type { DeviceRow } from "./devices_repository.ts";
import type { DevicesService } from "./devices.ts";
import { notificationsDocs as docs } from "./route_docs.ts";

/** The wire shape of a device. */
function deviceBody(row: DeviceRow): DeviceBody {
  return {
    id: row.id,
    expoPushToken: row.expoPushToken,
    platform: row.platform,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Personal answers: never kept by a shared cache. */
const privateHeaders = { "cache-control": "private, no-store" };

/** The device routes over `service`, authenticating members with `verifier`. */
export function createDeviceRoutes(service: DevicesService, verifier: TokenVerifier) {
  const authenticated = requireAuth(verifier);

  // Chained, so every route is part of the type that `hc` clients see.
  return new Hono<WorkerEnv>()
    .post(
      "/v1/me/devices",
      docs.registerDevice,
      authenticated,
      requireScope("notifications:write"),
      jsonBody(registerDeviceSchema),
      async (c) => {
        const { device, created } = await service.register(c.get("auth").sub, c.req.valid("json"));
        return c.json(deviceBody(device), created ? 201 : 200, privateHeaders);
      },
    )
    .get(
      "/v1/me/devices",
      docs.listDevices,
      authenticated,
      requireScope("notifications:read"),
      queryParams(devicesQuerySchema),
      async (c) => {
        const page = await service.list(c.get("auth").sub, c.req.valid("query"));
        const body = pageBody(page, deviceBody, deviceCursorOf);
        return c.json(withNextLink(c, body), 200, privateHeaders);
      },
    )
    .delete(
      "/v1/me/devices/:id",
      docs.removeDevice,
      authenticated,
      requireScope("notifications:write"),
      async (c) => {
        await service.remove(c.get("auth").sub, c.req.param("id"));
        return c.body(null, 204);
      },
    );
}

/**
 * A member's push devices: registering the Expo push token the app got from
 * the phone (idempotent per token), listing and removing them. Nothing here
 * knows about HTTP beyond the problems it raises.
 *
 * @module
 */
import { Problem } from "../../shared/http/problem.ts";
import { isPathId } from "../../shared/http/path_id.ts";
import type { KeysetPage } from "../../shared/stores/postgres/keyset_page.ts";
import type { DeviceCursor, DevicesQuery, RegisterDeviceInput } from "./device_schema.ts";
import type { DeviceRow, DevicesRepository } from "./devices_repository.ts";
// Registers DEVICE_NOT_FOUND before any Problem with that code is raised.
import { notificationsProblems } from "./problems.ts";

/** The device use cases. */
export interface DevicesService {
  /**
   * The device with this token, now `userId`'s: created (`created: true`) or
   * the one already registered, whoever had it (a phone changes hands; its
   * token then belongs to whoever signed in last).
   */
  register(
    userId: string,
    input: RegisterDeviceInput,
  ): Promise<{ device: DeviceRow; created: boolean }>;
  list(userId: string, query: DevicesQuery): Promise<KeysetPage<DeviceRow, DeviceCursor>>;
  /** 404 DEVICE_NOT_FOUND unless `userId` owns device `id`. */
  remove(userId: string, id: string): Promise<void>;
}

/** The device use cases over `repository`. */
export function createDevicesService(
  deps: { repository: DevicesRepository; now: () => Date },
): DevicesService {
  const { repository, now } = deps;
  return {
    register(userId, input) {
      return repository.register(userId, input, now());
    },

    list(userId, query) {
      return repository.list(userId, { limit: query.limit, after: query.cursor });
    },

    async remove(userId, id) {
      if (!isPathId(id) || !await repository.remove(userId, id)) {
        throw new Problem(
          notificationsProblems.DEVICE_NOT_FOUND,
          "You have no device with this id.",
        );
      }
    },
  };
}

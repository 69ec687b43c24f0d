/**
 * Members' push devices and the push tickets awaiting receipts, through
 * drizzle. Built over the worker's database for the routes, and over a
 * delivery's transaction for the push channel.
 *
 * @module
 */
import { and, asc, desc, eq, inArray, lte, ne, notInArray, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  cursorTimeOf,
  type KeysetPage,
  keysetPage,
} from "../../shared/stores/postgres/keyset_page.ts";
import type { DeviceCursor, DevicePlatform } from "./device_schema.ts";
import { devices, pushTickets } from "./tables.ts";

/** A stored device. */
export type DeviceRow = typeof devices.$inferSelect & { platform: DevicePlatform };

/** A ticket awaiting its receipt. */
export type PushTicketRow = typeof pushTickets.$inferSelect;

/** The most devices a member keeps: registering one more forgets their oldest. */
export const maxDevicesPerMember = 20;

/** Reads and writes of `notifications.devices` and `notifications.push_tickets`. */
export interface DevicesRepository {
  /**
   * Registers `token` for `userId`: a new device, or the one that already
   * has this token (handed to `userId` if another member had it).
   * `created` says which.
   */
  register(
    userId: string,
    device: { expoPushToken: string; platform: DevicePlatform },
    at: Date,
  ): Promise<{ device: DeviceRow; created: boolean }>;
  /** `userId`'s devices newest first by (created_at, id), after `after`. */
  list(
    userId: string,
    page: { limit: number; after?: DeviceCursor },
  ): Promise<KeysetPage<DeviceRow, DeviceCursor>>;
  /** True when `userId` has a device. */
  hasAny(userId: string): Promise<boolean>;
  /** Every device of `userId` (at most `maxDevicesPerMember`). */
  allOf(userId: string): Promise<DeviceRow[]>;
  /** Deletes `userId`'s device `id`; false when they have none with that id. */
  remove(userId: string, id: string): Promise<boolean>;
  /** Deletes devices by id, whoever owns them (Expo said they are gone), with their tickets. */
  forget(deviceIds: readonly string[]): Promise<void>;
  /** Keeps the tickets Expo answered, to ask for their receipts later. */
  keepTickets(tickets: readonly { id: string; deviceId: string }[], at: Date): Promise<void>;
  /** Up to `limit` tickets created at or before `before`, oldest first. */
  dueTickets(before: Date, limit: number): Promise<PushTicketRow[]>;
  /** Drops tickets whose receipts were read (or will never come). */
  dropTickets(ids: readonly string[]): Promise<void>;
  /** Deletes every device of `userId` and their tickets. */
  eraseUser(userId: string): Promise<void>;
}

const asDevice = (row: typeof devices.$inferSelect) => row as DeviceRow;

/** The repository over `db` (the database, or a transaction). */
export function createDevicesRepository(db: Database): DevicesRepository {
  return {
    async register(userId, device, at) {
      const id = crypto.randomUUID();
      return await db.transaction(async (tx) => {
        // One statement, so two registrations of one token at once end with one device.
        const [row] = await tx.insert(devices)
          .values({ id, userId, ...device, createdAt: at })
          .onConflictDoUpdate({
            target: devices.expoPushToken,
            set: { userId, platform: device.platform },
          })
          .returning();
        // Beyond the cap, the member's oldest other devices go.
        const kept = await tx.select({ id: devices.id }).from(devices)
          .where(and(eq(devices.userId, userId), ne(devices.id, row.id)))
          .orderBy(desc(devices.createdAt), desc(devices.id))
          .limit(maxDevicesPerMember - 1);
        const keep = [row.id, ...kept.map((k) => k.id)];
        await tx.delete(devices).where(
          and(eq(devices.userId, userId), notInArray(devices.id, keep)),
        );
        return { device: asDevice(row), created: row.id === id };
      });
    },

    list(userId, { limit, after }) {
      const query = (take: number) =>
        db.select({ device: devices, at: cursorTimeOf(devices.createdAt) })
          .from(devices)
          .where(and(
            eq(devices.userId, userId),
            after &&
              sql`(${devices.createdAt}, ${devices.id}) < (${after.at}::timestamptz, ${after.id})`,
          ))
          .orderBy(desc(devices.createdAt), desc(devices.id))
          .limit(take);
      return keysetPage(query, limit, {
        item: (row) => asDevice(row.device),
        position: (last) => ({ at: last.at, id: last.device.id }),
      });
    },

    async hasAny(userId) {
      const rows = await db.select({ id: devices.id }).from(devices)
        .where(eq(devices.userId, userId)).limit(1);
      return rows.length > 0;
    },

    async allOf(userId) {
      const rows = await db.select().from(devices).where(eq(devices.userId, userId))
        .orderBy(asc(devices.createdAt), asc(devices.id));
      return rows.map(asDevice);
    },

    async remove(userId, id) {
      const rows = await db.delete(devices)
        .where(and(eq(devices.id, id), eq(devices.userId, userId)))
        .returning({ id: devices.id });
      if (rows.length > 0) await db.delete(pushTickets).where(eq(pushTickets.deviceId, id));
      return rows.length > 0;
    },

    async forget(deviceIds) {
      if (deviceIds.length === 0) return;
      await db.delete(devices).where(inArray(devices.id, [...deviceIds]));
      await db.delete(pushTickets).where(inArray(pushTickets.deviceId, [...deviceIds]));
    },

    async keepTickets(tickets, at) {
      if (tickets.length === 0) return;
      await db.insert(pushTickets)
        .values(tickets.map((ticket) => ({ ...ticket, createdAt: at })))
        .onConflictDoNothing();
    },

    async dueTickets(before, limit) {
      return await db.select().from(pushTickets)
        .where(lte(pushTickets.createdAt, before))
        .orderBy(asc(pushTickets.createdAt), asc(pushTickets.id))
        .limit(limit);
    },

    async dropTickets(ids) {
      if (ids.length === 0) return;
      await db.delete(pushTickets).where(inArray(pushTickets.id, [...ids]));
    },

    async eraseUser(userId) {
      const owned = db.select({ id: devices.id }).from(devices).where(eq(devices.userId, userId));
      await db.delete(pushTickets).where(inArray(pushTickets.deviceId, owned));
      await db.delete(devices).where(eq(devices.userId, userId));
    },
  };
}

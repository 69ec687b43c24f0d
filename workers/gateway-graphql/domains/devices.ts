/**
 * A member's push devices in GraphQL, resolved by the notifications worker's
 * REST routes (`/v1/me/devices`).
 *
 * @module
 */
import type { ForwardedClients, Relay } from "../forwarded_clients.ts";
import { pathSegment as segment } from "../path_segment.ts";
import { restBody } from "../rest_input.ts";

export const devicesSdl = /* GraphQL */ `
  "A phone or browser that gets the member's push notifications through Expo."
  type Device {
    id: ID!
    "ExponentPushToken[…] or ExpoPushToken[…], as Expo's SDK gave it to the app."
    expoPushToken: String!
    "ios, android or web."
    platform: String!
    createdAt: String!
  }

  input RegisterDeviceInput { expoPushToken: String!, platform: String! }

  extend type Query {
    "The member's devices, newest first (a member keeps at most 20)."
    devices: [Device!]!
  }

  extend type Mutation {
    "Registers the device's Expo push token; the same token again answers the same device."
    registerDevice(input: RegisterDeviceInput!): Device!
    "Forgets one of the member's devices; true once it is gone."
    unregisterDevice(id: ID!): Boolean!
  }
`;

/** The device resolvers of one request. */
export function devicesResolvers(clients: Pick<ForwardedClients, "notifications">, relay: Relay) {
  const { devices } = clients.notifications.v1.me;
  return {
    // One page holds them all: the worker keeps at most 20 per member.
    devices: async () => (await relay(devices.$get({ query: { limit: "100" } }))).items,
    registerDevice: ({ input }: { input: Record<string, unknown> }) =>
      relay(devices.$post({ json: restBody(input) })),
    unregisterDevice: async ({ id }: { id: string }) => {
      await relay(devices[":id"].$delete({ param: { id: segment(id) } }));
      return true;
    },
  };
}

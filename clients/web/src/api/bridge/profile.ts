/**
 * Profile with its version (REST `ETag`), update with `If-Match`, and account deletion.
 *
 * @module
 */
import {
  DeleteAccountDocument,
  ProfileDocument,
  type ProfileQuery,
  UpdateProfileDocument,
} from "../../graphql/proposed.generated.ts";
import { rest } from "../rest.ts";
import { adapter } from "./adapter.ts";

type ProfileBody = Omit<ProfileQuery["me"], "version">;

/** `"7"` / `W/"7"` → 7. */
export function versionOfEtag(etag: string | null): number {
  const match = etag?.match(/"(\d+)"/);
  return match ? Number(match[1]) : 0;
}

async function withVersion(path: string, init: Parameters<typeof rest>[1] = {}) {
  let version = 0;
  const body = await rest<ProfileBody>(path, {
    ...init,
    onResponse: (response) => (version = versionOfEtag(response.headers.get("etag"))),
  });
  return { ...body, version };
}

export const profileAdapters = [
  adapter(ProfileDocument, async () => ({ me: await withVersion("/v1/me") })),
  adapter(UpdateProfileDocument, async ({ input }) => {
    const { expectedVersion, ...changes } = input;
    const me = await withVersion("/v1/me", {
      method: "PATCH",
      body: changes,
      headers: expectedVersion ? { "if-match": `"${expectedVersion}"` } : {},
    });
    return { updateProfile: me };
  }),
  adapter(DeleteAccountDocument, async () => {
    await rest<void>("/v1/me", { method: "DELETE" });
    return { deleteAccount: true };
  }),
];

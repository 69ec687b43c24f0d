/**
 * Web Worker script of the password hasher's pool: answers each {@linkcode HashRequest}
 * with a {@linkcode HashReply} of the same id. Started by `createPasswordHasher`.
 *
 * @module
 */
import {
  hashPasswordInline,
  type HashReply,
  type HashRequest,
  verifyPasswordInline,
} from "./hasher.ts";

async function answer(request: HashRequest): Promise<HashReply> {
  try {
    const value = request.op === "hash"
      ? await hashPasswordInline(request.password, request.params)
      : await verifyPasswordInline(request.password, request.phc);
    return { id: request.id, ok: true, value };
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

// The project type-checks with the window lib, which lacks a worker's global scope.
interface WorkerScope {
  onmessage: ((event: MessageEvent<HashRequest>) => void) | null;
  postMessage(reply: HashReply): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = async (event) => {
  scope.postMessage(await answer(event.data));
};

/** Direct calls to the real platform started by ./global_setup.js, to set up and to check. */
export const baseUrl = process.env.EXPO_PUBLIC_API_URL!;

/** JSON over HTTP with an optional bearer token; the status and the body. */
export async function call(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

let counter = 0;

/** A new member registered through the API: credentials and tokens. */
export async function newMember() {
  const email = `mobile-${Date.now()}-${++counter}@example.test`;
  const password = "correct horse battery";
  const { status, body } = await call("/v1/auth/register", {
    body: { email, password, displayName: "Mobile Member" },
  });
  if (status !== 201) throw new Error(`register answered ${status}: ${JSON.stringify(body)}`);
  return { email, password, accessToken: body.accessToken as string, refreshToken: body.refreshToken as string };
}

/** Polls `check` until it returns something truthy (the platform's queue is asynchronous). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false | 0>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

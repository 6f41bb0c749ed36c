import { createRegistryClient, type RegistryClientOptions } from "../src/index.js";

/** A request as the injected fetch saw it. */
export interface RecordedCall {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
}

export type Reply = Response | Error | ((call: RecordedCall) => Response | Promise<Response>);

/**
 * A fetch that answers with the given replies in order (the last one repeats) and records every
 * call. No globals are touched.
 */
export function scriptedFetch(...replies: Reply[]): {
  fetch: typeof globalThis.fetch;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = init?.body;
    const call: RecordedCall = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body:
        body === undefined || body === null
          ? undefined
          : new TextDecoder().decode(body as ArrayBuffer),
    };
    calls.push(call);
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error("scriptedFetch: no reply configured");
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return reply(call);
    return reply.clone();
  };
  return { fetch: fetchImpl as typeof globalThis.fetch, calls };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json; charset=UTF-8", ...init.headers },
  });
}

export function text(body: string, status: number, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}

/** The error undici's fetch throws for a system error with this code. */
export function netError(code?: string): TypeError {
  const cause =
    code === undefined ? undefined : Object.assign(new Error(`connect ${code}`), { code });
  return new TypeError("fetch failed", cause === undefined ? undefined : { cause });
}

/** A clock whose sleep only advances time, recording each delay. */
export function fakeClock(start = 1_000_000) {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms: number) => {
      time += ms;
    },
  };
}

export const ORIGIN = "https://registry.test";
export const API = "/api/model_registry/v1alpha3";
export const EXPERIMENTS = `${API}/experiments` as const;
export const EXPERIMENT = `${API}/experiments/{experimentId}` as const;

export const experiment = { id: "1", name: "exp", state: "LIVE", customProperties: {} } as const;

/** A client on an injected fetch and a fake clock, retries without jitter surprises. */
export function testClient(
  replies: Reply[],
  options: Partial<RegistryClientOptions> = {},
): ReturnType<typeof scriptedFetch> & {
  client: ReturnType<typeof createRegistryClient>;
  clock: ReturnType<typeof fakeClock>;
} {
  const recorded = scriptedFetch(...replies);
  const clock = fakeClock();
  const client = createRegistryClient({
    baseUrl: ORIGIN,
    fetch: recorded.fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 1,
    env: {},
    tls: { inClusterCaPath: false },
    ...options,
  });
  return { ...recorded, client, clock };
}

/** The registry's API prefix. */
export const API = "/api/model_registry/v1alpha3";

/** A JSON request with plain `fetch`: no client library, no retries. */
export type Send = (method: string, path: string, body?: unknown) => Promise<unknown>;

/** Thrown by a budgeted sender once its request budget is spent. */
export class BudgetSpent extends Error {
  constructor() {
    super("request budget spent");
  }
}

/** Plain-fetch JSON requests to the registry at `origin`; any non-2xx answer throws. */
export function createSend(origin: string): Send {
  const base = `${origin}${API}`;
  return async (method, path, body) => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { "content-type": "application/json" };
    }
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return text === "" ? undefined : JSON.parse(text);
  };
}

/** A sender that counts its requests and, once `budget` were sent, throws {@link BudgetSpent}. */
export interface CountingSend {
  readonly send: Send;
  /** Requests sent so far. */
  count(): number;
}

/** Wraps `send` with a request counter and an optional budget. */
export function countingSend(send: Send, budget = Number.POSITIVE_INFINITY): CountingSend {
  let sent = 0;
  return {
    send: async (method, path, body) => {
      if (sent >= budget) throw new BudgetSpent();
      sent++;
      return send(method, path, body);
    },
    count: () => sent,
  };
}

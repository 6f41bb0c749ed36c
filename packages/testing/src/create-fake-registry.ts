import { http } from "msw";
import {
  type BodyGate,
  createDispatcher,
  type FakeRequest,
  type FakeResult,
} from "./core/dispatcher.js";
import { createFaultPicker, createLatency } from "./core/faults.js";
import { DEFAULT_MAX_REQUEST_BODY_BYTES, readBodyText } from "./core/read-request-body.js";
import { RouteTable } from "./core/route-table.js";
import { ALL_ROUTES } from "./routes/all-routes.js";
import { RegistryState } from "./state/registry-state.js";
import { exportSnapshot, importSnapshot } from "./state/snapshot.js";
import { createStateFile, type StateFile } from "./state/state-file.js";
import { assertSnapshot } from "./state/validate-snapshot.js";
import type { FakeRegistry, FakeRegistryOptions, RecordedRequest } from "./types.js";

/** Paths the handlers answer: everything under the API prefix, plus the health checks. */
const HANDLED_PATHS =
  /^[a-z]+:\/\/[^/]+(\/api\/model_registry\/v1alpha3(\/.*)?|.*\/readyz\/(health|isDirty))$/;

/** Internal access for the node server, which calls the dispatcher without fetch objects. @internal */
export const DISPATCH = Symbol("dispatch");

/** A fake registry plus its internal dispatcher. @internal */
export type FakeRegistryInternal = FakeRegistry & {
  readonly [DISPATCH]: ((request: FakeRequest) => FakeResult | Promise<FakeResult>) & {
    readonly gate: BodyGate;
  };
};

/** The request without its body (which is read only once the gate lets it through). */
function headOf(request: Request): FakeRequest {
  const url = new URL(request.url);
  return {
    method: request.method.toUpperCase(),
    url: request.url,
    pathname: url.pathname,
    search: url.search,
    header: (name) => request.headers.get(name) ?? undefined,
    body: null,
  };
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `[@model-registry/testing] ${name} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Creates a fake Kubeflow Model Registry with its own in-memory state: MSW handlers for in-process
 * tests, a `fetch` function, a request log, snapshots and an optional state file.
 * @public
 */
export function createFakeRegistry(options: FakeRegistryOptions = {}): FakeRegistry {
  const state = new RegistryState({ caseSensitive: options.caseSensitive ?? false });
  const uuid = options.uuid ?? (() => globalThis.crypto.randomUUID());
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  const limit = options.requestLogLimit ?? 100_000;
  const stateFile: StateFile | undefined = options.stateFile
    ? createStateFile(options.stateFile, () => exportSnapshot(state))
    : undefined;
  if (options.initialState !== undefined) assertSnapshot(options.initialState, "initialState");
  const initial = stateFile?.load() ?? options.initialState;
  const load = () => {
    state.clear();
    if (initial) importSnapshot(state, initial, uuid);
  };
  load();
  const seed = options.seed ?? 1;
  const dispatch = createDispatcher({
    table: new RouteTable(ALL_ROUTES),
    context: {
      state,
      now,
      uuid,
      historyCollisions: options.metricHistoryCollisions ?? false,
      databaseLimits: options.databaseLimits ?? false,
    },
    requireToken: options.requireToken,
    pickFault: options.faults?.length ? createFaultPicker(options.faults, seed) : undefined,
    latency: createLatency(options.latencyMs, seed),
    record(entry) {
      requests.push(entry);
      if (requests.length > limit) requests.shift();
    },
    onResponse: options.onResponse,
    onMutate: () => stateFile?.markDirty(),
    maxRequestBodyBytes: positiveInteger(
      options.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES,
      "maxRequestBodyBytes",
    ),
  });
  const { gate } = dispatch;

  /** The token is checked, and the body's size, before the body is read. */
  async function resultOf(request: Request): Promise<FakeResult> {
    const head = headOf(request);
    if (!gate.hasBody(head.method)) return dispatch(head);
    const refused = gate.refuseBeforeBody(head);
    if (refused) return refused;
    const text = await readBodyText(request.body, gate.maxRequestBodyBytes);
    if (text === undefined) return gate.tooLarge(head);
    return dispatch({ ...head, body: text === "" ? null : text });
  }

  async function answer(request: Request): Promise<Response> {
    const result = await resultOf(request);
    if (result.kind === "response") {
      const body = result.status === 204 || result.body === "" ? null : result.body;
      return new Response(body, { status: result.status, headers: result.headers });
    }
    if (result.kind === "hang") await waitOrAbort(result.ms, request.signal);
    return Response.error();
  }

  const registry: FakeRegistryInternal = {
    handlers: [http.all(HANDLED_PATHS, ({ request }) => answer(request))],
    async fetch(input, init) {
      const request =
        input instanceof Request && init === undefined ? input : new Request(input, init);
      const response = await answer(request);
      // Like a real fetch, a dropped connection rejects.
      if (response.type === "error")
        throw new TypeError("fetch failed: connection reset by the fake");
      return response;
    },
    reset() {
      load();
      stateFile?.markDirty();
    },
    snapshot: () => structuredClone(exportSnapshot(state)),
    requests,
    clearRequests() {
      requests.length = 0;
    },
    flush: () => stateFile?.flush() ?? Promise.resolve(),
    close: () => stateFile?.close() ?? Promise.resolve(),
    [DISPATCH]: dispatch,
  };
  return registry;
}

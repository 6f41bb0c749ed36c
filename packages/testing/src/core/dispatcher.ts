import type { RecordedRequest, ResponseRecord } from "../types.js";
import { actualRequestHeaders, preflightHeaders } from "./cors.js";
import type { ChosenFault } from "./faults.js";
import { goJson } from "./go-json.js";
import { DroppedConnection, HttpError, STATUS_TEXT } from "./http-error.js";
import { assertNoNullBytes, Query } from "./query.js";
import type { RouteContext, RouteDefinition } from "./route-kit.js";
import type { RouteTable } from "./route-table.js";

/** A request as the dispatcher needs it (built from a fetch Request or a node request). @internal */
export interface FakeRequest {
  readonly method: string;
  readonly url: string;
  readonly pathname: string;
  readonly search: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  readonly body: string | null;
}

/** What to do with the connection. @internal */
export type FakeResult =
  | {
      readonly kind: "response";
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    }
  | { readonly kind: "reset" }
  | { readonly kind: "hang"; readonly ms: number };

/** @internal */
export const JSON_CONTENT_TYPE = "application/json; charset=UTF-8";
const JSON_HEADERS = { "content-type": JSON_CONTENT_TYPE };

/** Everything the dispatcher depends on. @internal */
export interface DispatcherOptions {
  readonly table: RouteTable;
  readonly context: Omit<RouteContext, "params" | "query" | "rawBody">;
  readonly requireToken: string | undefined;
  readonly pickFault:
    | ((method: string, route: string | null) => ChosenFault | undefined)
    | undefined;
  readonly latency: (() => number) | undefined;
  readonly record: (entry: RecordedRequest) => void;
  readonly onResponse: ((response: ResponseRecord) => void) | undefined;
  readonly onMutate: () => void;
  /** Largest request body read; a larger one is answered 413. */
  readonly maxRequestBodyBytes: number;
}

/**
 * The answers a request gets before (or instead of) its body being read: the token check, and
 * the body size limit. `FakeRequest.body` is not looked at. @internal
 */
export interface BodyGate {
  readonly maxRequestBodyBytes: number;
  /** Whether the request's body would be read at all (methods other than GET and HEAD). */
  hasBody(method: string): boolean;
  /** A 401 (wrong token) or 413 (declared length over the limit) answer, or undefined to go on. */
  refuseBeforeBody(head: FakeRequest): FakeResult | undefined;
  /** The 413 answer for a body found larger than the limit while reading it. */
  tooLarge(head: FakeRequest): FakeResult;
}

interface Outcome {
  readonly route: string | null;
  readonly result: FakeResult;
  readonly value: unknown;
}

const jsonCache = new WeakMap<object, string>();

function serialise(value: unknown): string {
  if (value === null || typeof value !== "object") return goJson(value);
  let text = jsonCache.get(value);
  if (text === undefined) {
    text = goJson(value);
    jsonCache.set(value, text);
  }
  return text;
}

function json(status: number, value: unknown, extra?: Record<string, string>): Outcome["result"] {
  const headers = extra ? { ...JSON_HEADERS, ...extra } : JSON_HEADERS;
  return { kind: "response", status, headers, body: serialise(value) };
}

function plain(
  route: string | null,
  status: number,
  body: string,
  headers: Record<string, string>,
): Outcome {
  return { route, value: body, result: { kind: "response", status, headers, body } };
}

/** The server's text/plain 503 while its database connection is not established. */
const DATASTORE_DOWN =
  "Datastore service is down or unavailable. Please check that the database is reachable and try again later.";
const HEALTH = /\/readyz\/(health|isDirty)$/;
const TEXT_HEADERS = { "content-type": "text/plain; charset=utf-8" };
/** Go's `http.NotFound`, which chi uses for unknown paths. */
const NOT_FOUND_HEADERS = { ...TEXT_HEADERS, "x-content-type-options": "nosniff" };

function errorOutcome(
  route: string | null,
  error: HttpError,
  extra?: Record<string, string>,
): Outcome {
  const value = { code: error.code, message: error.message };
  return { route, value, result: json(error.status, value, extra) };
}

/**
 * Routes and answers one request: health checks, auth, the validation middleware, 404/405, the
 * handler, error mapping; latency and faults around it.
 * @internal
 */
export function createDispatcher(options: DispatcherOptions) {
  const { table, requireToken, pickFault, latency, maxRequestBodyBytes } = options;

  function unauthorized(request: FakeRequest): Outcome | undefined {
    if (requireToken === undefined) return undefined;
    if (request.header("authorization") === `Bearer ${requireToken}`) return undefined;
    const error = new HttpError(401, "missing or invalid bearer token");
    return errorOutcome(null, error, { "www-authenticate": "Bearer" });
  }

  function handle(
    request: FakeRequest,
    route: string | null,
    definition: RouteDefinition,
    params: Record<string, string>,
  ): Outcome {
    const query = new Query(request.search);
    // Writes can change state even when they fail (e.g. a metric saved before its history insert).
    if (definition.method !== "GET") options.onMutate();
    try {
      assertNoNullBytes(query, request.body);
      const context: RouteContext = { ...options.context, params, query, rawBody: request.body };
      const result = definition.handle(context);
      return { route, value: result.body, result: json(result.status, result.body) };
    } catch (error) {
      if (error instanceof HttpError) return errorOutcome(route, error);
      if (error instanceof DroppedConnection) {
        return { route, value: undefined, result: { kind: "reset" } };
      }
      const message = error instanceof Error ? error.message : String(error);
      return errorOutcome(route, new HttpError(500, message));
    }
  }

  function route(request: FakeRequest): {
    outcome?: Outcome;
    route: string | null;
    run?: () => Outcome;
  } {
    const { method, pathname } = request;
    if (method === "GET" && pathname.includes("/readyz/") && HEALTH.test(pathname)) {
      return { route: null, outcome: plain(null, 200, "OK", TEXT_HEADERS) };
    }
    const refused = unauthorized(request);
    if (refused) return { route: null, outcome: refused };
    const match = table.match(pathname);
    if (match === undefined) {
      try {
        assertNoNullBytes(new Query(request.search), request.body);
      } catch (error) {
        return { route: null, outcome: errorOutcome(null, error as HttpError) };
      }
      return { route: null, outcome: plain(null, 404, "404 page not found\n", NOT_FOUND_HEADERS) };
    }
    const definition = match.methods.get(method);
    const template = definition?.template ?? match.methods.values().next().value?.template ?? null;
    if (definition === undefined) {
      const allow = [...match.methods.keys()].join(", ");
      return { route: template, outcome: plain(template, 405, "", { allow }) };
    }
    return { route: template, run: () => handle(request, template, definition, match.params) };
  }

  function finish(request: FakeRequest, outcome: Outcome, preflight = false): FakeResult {
    const cors = preflight
      ? undefined
      : actualRequestHeaders(request.header("origin"), request.method);
    const result: FakeResult =
      cors && outcome.result.kind === "response"
        ? { ...outcome.result, headers: { ...outcome.result.headers, ...cors } }
        : outcome.result;
    const status = result.kind === "response" ? result.status : 0;
    options.record({ method: request.method, route: outcome.route, url: request.url, status });
    if (options.onResponse && result.kind === "response") {
      options.onResponse({
        method: request.method,
        route: outcome.route,
        status,
        contentType: result.headers["content-type"] ?? null,
        body: outcome.value,
      });
    }
    return result;
  }

  function faultOutcome(routeTemplate: string | null, fault: ChosenFault): Outcome {
    if (fault.kind === "reset")
      return { route: routeTemplate, value: undefined, result: { kind: "reset" } };
    if (fault.kind === "hang") {
      return {
        route: routeTemplate,
        value: undefined,
        result: { kind: "hang", ms: fault.hangMs ?? 30_000 },
      };
    }
    if (fault.kind === "unavailable")
      return plain(routeTemplate, 503, DATASTORE_DOWN, TEXT_HEADERS);
    const status = fault.status ?? 503;
    const extra =
      fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : undefined;
    return errorOutcome(
      routeTemplate,
      new HttpError(status, `injected fault: ${STATUS_TEXT[status] ?? status}`),
      extra,
    );
  }

  function respond(request: FakeRequest): FakeResult {
    const preflightMethod = request.header("access-control-request-method");
    if (request.method === "OPTIONS" && preflightMethod !== undefined) {
      const headers = preflightHeaders(
        request.header("origin"),
        preflightMethod,
        request.header("access-control-request-headers"),
      );
      const template =
        table.match(request.pathname)?.methods.values().next().value?.template ?? null;
      return finish(request, plain(template, 200, "", headers), true);
    }
    const routed = route(request);
    if (routed.outcome) return finish(request, routed.outcome);
    const fault = pickFault?.(request.method, routed.route);
    if (fault?.phase === "before") return finish(request, faultOutcome(routed.route, fault));
    const outcome = (routed.run as () => Outcome)();
    return finish(request, fault ? faultOutcome(routed.route, fault) : outcome);
  }

  function tooLarge(head: FakeRequest): FakeResult {
    const template = table.match(head.pathname)?.methods.get(head.method)?.template ?? null;
    const error = new HttpError(
      413,
      `request body too large: the limit is ${maxRequestBodyBytes} bytes`,
    );
    return finish(head, errorOutcome(template, error));
  }

  const gate: BodyGate = {
    maxRequestBodyBytes,
    hasBody: (method) => method !== "GET" && method !== "HEAD",
    refuseBeforeBody(head) {
      // A CORS preflight carries no credentials and is answered without its body anyway.
      if (head.method === "OPTIONS" && head.header("access-control-request-method") !== undefined) {
        return undefined;
      }
      const refused = unauthorized(head);
      if (refused) return finish(head, refused);
      const declared = Number(head.header("content-length"));
      return declared > maxRequestBodyBytes ? tooLarge(head) : undefined;
    },
    tooLarge,
  };

  /** Answers a request; synchronous unless latency is configured. */
  function dispatch(request: FakeRequest): FakeResult | Promise<FakeResult> {
    if (latency === undefined) return respond(request);
    const delay = latency();
    return new Promise((resolve) => setTimeout(() => resolve(respond(request)), delay));
  }
  return Object.assign(dispatch, { gate });
}

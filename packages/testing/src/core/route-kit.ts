import type { RegistryState } from "../state/registry-state.js";
import { parseJsonBody } from "./decode-body.js";
import type { Query } from "./query.js";

/** The API prefix every route lives under. @internal */
export const API_PREFIX = "/api/model_registry/v1alpha3";

/** Everything a route handler needs. @internal */
export interface RouteContext {
  readonly state: RegistryState;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
  /** The raw body text (null when none was sent). */
  readonly rawBody: string | null;
  /** Current time in ms. */
  now(): number;
  /** A fresh UUID v4 (for generated names). */
  uuid(): string;
  /** Answer 500 when a metric is logged twice in one millisecond (the server's unique-key clash). */
  readonly historyCollisions: boolean;
  /** Answer 500 for values longer than the database's 255-character columns. */
  readonly databaseLimits: boolean;
}

/** A handler's success result: status plus the JSON body. @internal */
export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
}

/** One of the 56 routes: the method, the spec path key and the handler. @internal */
export interface RouteDefinition {
  readonly method: "GET" | "POST" | "PATCH";
  /** The spec's path key, e.g. `/api/model_registry/v1alpha3/experiments/{experimentId}`. */
  readonly template: string;
  readonly handle: (context: RouteContext) => RouteResult;
}

/** Declares a route with a path relative to the API prefix. @internal */
export function route(
  method: RouteDefinition["method"],
  path: string,
  handle: RouteDefinition["handle"],
): RouteDefinition {
  return { method, template: `${API_PREFIX}${path}`, handle };
}

/** Parses the body as JSON (Go decoder messages on failure). @internal */
export function jsonBody(context: RouteContext): unknown {
  return parseJsonBody(context.rawBody);
}

/** `200` with a body. @internal */
export function ok(body: unknown): RouteResult {
  return { status: 200, body };
}

/** A write: status plus body, flagged as a state change. @internal */
export function wrote(status: number, body: unknown): RouteResult {
  return { status, body };
}

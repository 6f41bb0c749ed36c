import type { ResponseRecord } from "../../src/index.js";
import { createSpecValidator } from "../../src/spec-validator.js";

const validator = createSpecValidator();
const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  409: "Conflict",
  413: "Request Entity Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Problems found in responses since the last {@link takeSpecViolations}. */
const violations: string[] = [];

function errorShape(r: ResponseRecord, code: string): string | undefined {
  const body = r.body as { code?: unknown; message?: unknown } | null;
  if (!r.contentType?.startsWith("application/json")) return `content type ${r.contentType}`;
  if (body?.code !== code || typeof body.message !== "string") {
    return `error body ${JSON.stringify(body)} is not {code:"${code}",message}`;
  }
  return undefined;
}

/**
 * The documented deviations of the real server from the spec, asserted explicitly instead of
 * validated against the spec (README "Deviations of the real server from the spec").
 */
function checkDeviation(r: ResponseRecord): string | undefined | "not-a-deviation" {
  if (r.route === null && r.status === 404) {
    return r.body === "404 page not found\n" && r.contentType?.startsWith("text/plain")
      ? undefined
      : "unknown path must answer text/plain '404 page not found'";
  }
  if (r.route === null && r.status === 200) return r.body === "OK" ? undefined : "health body";
  if (r.status === 503 && r.contentType?.startsWith("text/plain")) {
    return typeof r.body === "string" && r.body.startsWith("Datastore service is down")
      ? undefined
      : "start-up 503 body";
  }
  if (r.status === 405) return r.body === "" ? undefined : "405 must have an empty body";
  if (r.method === "OPTIONS" && r.status === 200) {
    return r.body === "" ? undefined : "a CORS preflight answer has an empty body";
  }
  if (r.status === 422) {
    const problem = errorShape(r, "Bad Request");
    if (problem) return `422 ${problem}`;
    return /^required field '\w+' is zero value\.$/.test((r.body as { message: string }).message)
      ? undefined
      : "422 message";
  }
  if (r.status === 401 && r.route === null) return errorShape(r, "Unauthorized");
  return "not-a-deviation";
}

/** The shared `onResponse` hook: every response is checked against the spec. */
export function checkResponse(r: ResponseRecord): void {
  const deviation = checkDeviation(r);
  if (deviation !== "not-a-deviation") {
    if (deviation) violations.push(`${r.method} ${r.route} ${r.status}: ${deviation}`);
    return;
  }
  const result = validator.validateResponse(r);
  if (result.valid) return;
  if (result.undocumented && r.status >= 400) {
    // The spec omits many of the server's error statuses (e.g. 400 on list endpoints); the body
    // must still be the registry error shape.
    const problem = errorShape(r, STATUS_TEXT[r.status] ?? "");
    if (problem) violations.push(`${r.method} ${r.route} ${r.status}: ${problem}`);
    return;
  }
  if (
    result.undocumented &&
    r.route === "/api/model_registry/v1alpha3/inference_services" &&
    r.status === 201
  ) {
    // POST /inference_services answers 201 where the spec says 200: validate as the 200 body.
    const as200 = validator.validateResponse({ ...r, status: 200 });
    if (!as200.valid) violations.push(`${r.method} ${r.route} 201: ${as200.errors.join("; ")}`);
    return;
  }
  violations.push(`${r.method} ${r.route} ${r.status}: ${result.errors.join("; ")}`);
}

/** Returns and clears the violations collected so far. */
export function takeSpecViolations(): string[] {
  return violations.splice(0, violations.length);
}

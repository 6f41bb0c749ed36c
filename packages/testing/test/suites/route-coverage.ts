import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findSpecPath } from "../../src/spec/load-spec.js";
import { fakeOnly, type Target } from "../support/target.js";

/** Every (method, path) of the spec: the 56 routes. */
export function specRoutes(): string[] {
  const spec = parse(readFileSync(findSpecPath(), "utf8")) as { paths: Record<string, object> };
  const routes: string[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of ["get", "post", "patch", "put", "delete"]) {
      if (method in item) routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes.sort();
}

/** Runs last: the suites above must have exercised every route of the spec. */
export function routeCoverageSuite(t: Target): void {
  describe("route coverage", () => {
    it("the behaviour suites exercised all 56 routes with a success status", (context) => {
      fakeOnly(context, t, "needs the fake's request log");
      const succeeded = new Set(
        (t.fake?.requests ?? [])
          .filter((r) => r.status >= 200 && r.status < 300)
          .map((r) => `${r.method} ${r.route}`),
      );
      const routes = specRoutes();
      expect(routes).toHaveLength(56);
      expect(routes.filter((route) => !succeeded.has(route))).toEqual([]);
    });
  });
}

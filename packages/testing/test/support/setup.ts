import { afterEach, expect } from "vitest";
import { takeSpecViolations } from "./spec-check.js";

// Every response a test produced through a fake with `onResponse: checkResponse` must match the
// spec, or be one of the documented server deviations (asserted explicitly in spec-check.ts).
afterEach(() => {
  expect(takeSpecViolations(), "responses that do not match the spec").toEqual([]);
});

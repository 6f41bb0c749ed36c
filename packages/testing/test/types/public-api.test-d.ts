import type { HttpHandler } from "msw";
import type { SetupServer } from "msw/node";
import { describe, expectTypeOf, it } from "vitest";
import {
  createFakeRegistry,
  type FakeRegistry,
  type FakeRegistrySnapshot,
  type RecordedRequest,
} from "../../src/index.js";
import { setupFakeRegistry, startFakeRegistryServer } from "../../src/node.js";
import { createSpecValidator, type ResponseValidation } from "../../src/spec-validator.js";

describe("public API types", () => {
  it("createFakeRegistry returns handlers, a fetch, a request log and snapshots", () => {
    const registry = createFakeRegistry();
    expectTypeOf(registry).toEqualTypeOf<FakeRegistry>();
    expectTypeOf(registry.handlers).toEqualTypeOf<HttpHandler[]>();
    expectTypeOf(registry.requests).toEqualTypeOf<RecordedRequest[]>();
    expectTypeOf(registry.snapshot()).toEqualTypeOf<FakeRegistrySnapshot>();
    expectTypeOf(registry.fetch).toMatchTypeOf<typeof globalThis.fetch>();
  });

  it("node entry points", () => {
    expectTypeOf(setupFakeRegistry().server).toEqualTypeOf<SetupServer>();
    expectTypeOf(startFakeRegistryServer)
      .returns.resolves.toHaveProperty("url")
      .toEqualTypeOf<string>();
    // @ts-expect-error latencyMs takes a number or a range, not a string
    createFakeRegistry({ latencyMs: "10" });
  });

  it("spec validator", () => {
    const validator = createSpecValidator();
    expectTypeOf(validator.validateResponse).returns.toEqualTypeOf<ResponseValidation>();
  });
});

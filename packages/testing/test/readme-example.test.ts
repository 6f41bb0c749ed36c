import { createRegistryClient, unwrap } from "@model-registry/registry-client";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { setupFakeRegistry } from "../src/node.js";
import { checkResponse } from "./support/spec-check.js";

// The README's first example, verbatim apart from the spec check.
const fake = setupFakeRegistry({ onResponse: checkResponse });
beforeAll(() => fake.listen());
afterEach(() => {
  fake.reset();
  fake.clearRequests();
});
afterAll(() => fake.close());

test("creates an experiment", async () => {
  const client = createRegistryClient({ baseUrl: "http://registry.test" });
  const experiment = await unwrap(
    client.POST("/api/model_registry/v1alpha3/experiments", { body: { name: "churn" } }),
  );
  expect(experiment.state).toBe("LIVE");
  expect(fake.requests.map((r) => r.status)).toEqual([201]);
});

test("reset() started the next test from an empty registry", async () => {
  const client = createRegistryClient({ baseUrl: "http://registry.test" });
  const list = await unwrap(client.GET("/api/model_registry/v1alpha3/experiments"));
  expect(list.items).toEqual([]);
});

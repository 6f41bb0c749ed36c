import { expect, test } from "vitest";
import { ALL_OPERATIONS } from "./all-operations.js";
import { json, ORIGIN, testClient } from "./helpers.js";

const entries = Object.entries(ALL_OPERATIONS);

test("the table holds the spec's 56 operations over 34 paths", () => {
  expect(entries).toHaveLength(56);
  expect(new Set(entries.map(([key]) => key.split(" ")[1])).size).toBe(34);
});

test.each(entries)("%s is sent with its method, path parameters and body", async (key, call) => {
  const [method, template] = key.split(" ") as [string, string];
  const t = testClient([json({})]);
  const result = await call(t.client);
  expect(result.response.status).toBe(200);
  expect(t.calls).toHaveLength(1);
  const sent = t.calls[0];
  expect(sent?.method).toBe(method);
  const url = new URL(sent?.url ?? "");
  expect(url.origin).toBe(ORIGIN);
  expect(url.pathname).toBe(template.replace(/\{\w+\}/g, "1"));
  if (method === "GET") expect(sent?.body).toBeUndefined();
  else expect(JSON.parse(sent?.body ?? "null")).toEqual(expect.any(Object));
});

import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterEach, expect, test } from "vitest";
import { createRegistryClient, paginate, unwrap } from "../src/index.js";
import { EXPERIMENT, experiment } from "./helpers.js";

const server = setupServer();
afterEach(() => {
  server.close();
  server.resetHandlers();
});

test("MSW installed after the client was created still intercepts its requests", async () => {
  const client = createRegistryClient({
    baseUrl: "https://registry.test",
    auth: "s3cr3t",
    env: {},
    tls: { inClusterCaPath: false },
  });
  const seen: (string | null)[] = [];
  server.use(
    http.get("*/api/model_registry/v1alpha3/experiments/:id", ({ request, params }) => {
      seen.push(request.headers.get("authorization"));
      return HttpResponse.json({ ...experiment, id: params["id"] });
    }),
  );
  server.listen({ onUnhandledRequest: "error" });
  const data = await unwrap(client.GET(EXPERIMENT, { params: { path: { experimentId: "5" } } }));
  expect(data.id).toBe("5");
  expect(seen).toEqual(["Bearer s3cr3t"]);
});

test("paginate works against MSW handlers", async () => {
  const client = createRegistryClient({ baseUrl: "http://registry.test", env: {} });
  server.use(
    http.get("*/api/model_registry/v1alpha3/experiments", ({ request }) => {
      const token = new URL(request.url).searchParams.get("nextPageToken");
      const page = token === null ? 0 : Number(token);
      const items = [
        { ...experiment, id: String(page * 2 + 1) },
        { ...experiment, id: String(page * 2 + 2) },
      ];
      return HttpResponse.json({
        items,
        size: 2,
        pageSize: 2,
        nextPageToken: page < 2 ? String(page + 1) : "",
      });
    }),
  );
  server.listen({ onUnhandledRequest: "error" });
  const ids: string[] = [];
  for await (const e of paginate(client, "/api/model_registry/v1alpha3/experiments", undefined, {
    pageSize: 2,
  })) {
    ids.push(e.id ?? "");
  }
  expect(ids).toEqual(["1", "2", "3", "4", "5", "6"]);
});

import { describe, expect, test } from "vitest";
import { isRegistryError, isRegistryHttpError, paginate } from "../src/index.js";
import { json, type RecordedCall, testClient } from "./helpers.js";

const RUNS = "/api/model_registry/v1alpha3/experiment_runs";

/** A list endpoint over `total` runs that honours pageSize, nextPageToken and a name filter. */
function listServer(total: number) {
  const all = Array.from({ length: total }, (_, i) => ({
    id: String(i + 1),
    experimentId: "1",
    name: i % 2 === 0 ? `even-${i + 1}` : `odd-${i + 1}`,
  }));
  return (call: RecordedCall): Response => {
    const query = new URL(call.url).searchParams;
    const filter = query.get("filterQuery");
    const rows =
      filter === 'name LIKE "even-%"' ? all.filter((r) => r.name.startsWith("even")) : all;
    const pageSize = Number(query.get("pageSize") ?? 0);
    const after = query.get("nextPageToken")
      ? Number(atob(query.get("nextPageToken") ?? "").split(":")[0])
      : 0;
    const rest = rows.filter((r) => Number(r.id) > after);
    const items = pageSize > 0 ? rest.slice(0, pageSize) : rest;
    const more = pageSize > 0 && rest.length > pageSize;
    const last = items.at(-1);
    return json({
      items,
      size: items.length,
      pageSize,
      nextPageToken: more && last ? btoa(`${last.id}:${last.id}`) : "",
    });
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("paginate", () => {
  test("walks every page, sending pageSize and the same filter with each token", async () => {
    const t = testClient([listServer(25)]);
    const runs = await collect(
      paginate(
        t.client,
        RUNS,
        { params: { query: { filterQuery: 'name LIKE "even-%"', orderBy: "ID" } } },
        { pageSize: 4 },
      ),
    );
    expect(runs.map((r) => r.name)).toEqual(
      Array.from({ length: 13 }, (_, i) => `even-${2 * i + 1}`),
    );
    expect(t.calls).toHaveLength(4);
    const queries = t.calls.map((c) => new URL(c.url).searchParams);
    for (const q of queries) {
      expect(q.get("pageSize")).toBe("4");
      expect(q.get("filterQuery")).toBe('name LIKE "even-%"');
      expect(q.get("orderBy")).toBe("ID");
    }
    expect(queries[0]?.has("nextPageToken")).toBe(false);
    expect(queries.slice(1).every((q) => q.has("nextPageToken"))).toBe(true);
  });

  test("sends the default page size of 100 when none is given", async () => {
    const t = testClient([listServer(250)]);
    expect(await collect(paginate(t.client, RUNS))).toHaveLength(250);
    expect(t.calls.map((c) => new URL(c.url).searchParams.get("pageSize"))).toEqual([
      "100",
      "100",
      "100",
    ]);
  });

  test("a pageSize in the query is used when no option is given", async () => {
    const t = testClient([listServer(5)]);
    await collect(paginate(t.client, RUNS, { params: { query: { pageSize: "2" } } }));
    expect(t.calls).toHaveLength(3);
  });

  test("nested list paths take their path parameters", async () => {
    const t = testClient([listServer(3)]);
    const items = await collect(
      paginate(
        t.client,
        "/api/model_registry/v1alpha3/experiments/{experimentId}/experiment_runs",
        {
          params: { path: { experimentId: "1" } },
        },
      ),
    );
    expect(items).toHaveLength(3);
    expect(new URL(t.calls[0]?.url ?? "").pathname).toBe(
      "/api/model_registry/v1alpha3/experiments/1/experiment_runs",
    );
  });

  test("stops early when the consumer breaks", async () => {
    const t = testClient([listServer(50)]);
    for await (const run of paginate(t.client, RUNS, undefined, { pageSize: 10 })) {
      if (run.id === "3") break;
    }
    expect(t.calls).toHaveLength(1);
  });

  test("an HTTP error throws RegistryHttpError", async () => {
    const t = testClient([
      json({ code: "Bad Request", message: "invalid filter" }, { status: 400 }),
    ]);
    const error = await collect(paginate(t.client, RUNS)).catch((e: unknown) => e);
    expect(isRegistryHttpError(error) && error.serverMessage).toBe("invalid filter");
  });

  test("a server repeating a page token is stopped instead of looping forever", async () => {
    const t = testClient([
      json({
        items: [{ id: "1", experimentId: "1" }],
        size: 1,
        pageSize: 1,
        nextPageToken: "same",
      }),
    ]);
    const error = await collect(paginate(t.client, RUNS, undefined, { pageSize: 1 })).catch(
      (e: unknown) => e,
    );
    expect(isRegistryError(error) && error.code).toBe("PAGINATION_ERROR");
    expect(t.calls).toHaveLength(2);
  });

  test("a next token equal to the one the caller started from is a repeat too", async () => {
    const t = testClient([
      json({ items: [{ id: "1", experimentId: "1" }], size: 1, pageSize: 1, nextPageToken: "t0" }),
    ]);
    const error = await collect(
      paginate(t.client, RUNS, { params: { query: { nextPageToken: "t0" } } }, { pageSize: 1 }),
    ).catch((e: unknown) => e);
    expect(isRegistryError(error) && error.code).toBe("PAGINATION_ERROR");
    expect(t.calls).toHaveLength(1);
  });

  test("rejects a non-positive maxPages", async () => {
    const t = testClient([listServer(1)]);
    const error = await collect(paginate(t.client, RUNS, undefined, { maxPages: 0 })).catch(
      (e: unknown) => e,
    );
    expect(isRegistryError(error) && error.code).toBe("INVALID_OPTIONS");
    expect(t.calls).toHaveLength(0);
  });

  test("rejects a non-positive page size", async () => {
    const t = testClient([listServer(1)]);
    const error = await collect(paginate(t.client, RUNS, undefined, { pageSize: 0 })).catch(
      (e: unknown) => e,
    );
    expect(isRegistryError(error) && error.code).toBe("INVALID_OPTIONS");
  });
});

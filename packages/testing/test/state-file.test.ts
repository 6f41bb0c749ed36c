import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeRegistry } from "../src/index.js";
import { checkResponse } from "./support/spec-check.js";

const P = "/api/model_registry/v1alpha3";
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fake-state-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function post(registry: ReturnType<typeof createFakeRegistry>, name: string) {
  return registry.fetch(`http://fake.test${P}/experiments`, {
    method: "POST",
    body: JSON.stringify({ name }),
  });
}

describe("stateFile", () => {
  it("is written within ~200 ms of a change, atomically, and loaded by the next instance", async () => {
    const file = join(dir, "state.json");
    const registry = createFakeRegistry({ stateFile: file, onResponse: checkResponse });
    await post(registry, "persisted");
    await new Promise((resolve) => setTimeout(resolve, 250));
    const saved = JSON.parse(await readFile(file, "utf8"));
    expect(saved.experiments.map((e: { name: string }) => e.name)).toEqual(["persisted"]);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await registry.close();
    const next = createFakeRegistry({ stateFile: file, onResponse: checkResponse });
    const list = await (await next.fetch(`http://fake.test${P}/experiments`)).json();
    expect(list.items.map((e: { name: string }) => e.name)).toEqual(["persisted"]);
    expect((await (await post(next, "second")).json()).id).toBe("2");
    await next.close();
    expect(JSON.parse(await readFile(file, "utf8")).experiments).toHaveLength(2);
  });

  it("close() flushes pending writes; a corrupt file is a clear error, not silently replaced", async () => {
    const file = join(dir, "state.json");
    const registry = createFakeRegistry({ stateFile: file, onResponse: checkResponse });
    await post(registry, "a");
    await registry.close();
    expect(JSON.parse(await readFile(file, "utf8")).experiments).toHaveLength(1);
    await writeFile(file, "{truncated");
    expect(() => createFakeRegistry({ stateFile: file, onResponse: checkResponse })).toThrow(
      /not valid JSON/,
    );
    expect(await readFile(file, "utf8")).toBe("{truncated");
  });

  it("many quick writes coalesce and the file is always complete JSON", async () => {
    const file = join(dir, "state.json");
    const registry = createFakeRegistry({ stateFile: file, onResponse: checkResponse });
    for (let i = 0; i < 50; i += 1) {
      await post(registry, `e${i}`);
      if (i % 10 === 0) {
        const text = await readFile(file, "utf8").catch(() => "{}");
        expect(() => JSON.parse(text)).not.toThrow();
      }
    }
    await registry.close();
    expect(JSON.parse(await readFile(file, "utf8")).experiments).toHaveLength(50);
  });
});

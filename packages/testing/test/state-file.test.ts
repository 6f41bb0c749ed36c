import { mkdir, mkdtemp, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeRegistry, type FakeRegistrySnapshot } from "../src/index.js";
import { startFakeRegistryServer } from "../src/node.js";
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

  it("a file that is JSON but not a snapshot of this format is refused and left as it is", async () => {
    const file = join(dir, "state.json");
    const cases: Array<[string, RegExp]> = [
      ["[]", /is an array, not an object/],
      ['{"experiments": []}', /has no "format"/],
      [
        '{"format": "model-registry-fake/v2", "experiments": []}',
        /format is "model-registry-fake\/v2"/,
      ],
      ['{"format": "model-registry-fake/v1", "runs": []}', /unknown keys: runs/],
      ['{"format": "model-registry-fake/v1", "experiments": {}}', /experiments is an object/],
      [
        '{"format": "model-registry-fake/v1", "experiments": [{"id": "x", "name": "e"}]}',
        /experiments\[0\] has id "x"/,
      ],
      [
        '{"format": "model-registry-fake/v1", "experimentRuns": [{"id": "2", "name": "r"}]}',
        /experimentRuns\[0\] has experimentId undefined/,
      ],
      ['{"format": "model-registry-fake/v1", "nextIds": {"context": "9"}}', /nextIds.context/],
    ];
    for (const [text, problem] of cases) {
      await writeFile(file, text);
      expect(() => createFakeRegistry({ stateFile: file })).toThrow(problem);
      expect(() => createFakeRegistry({ stateFile: file })).toThrow(/refusing to use or overwrite/);
      await expect(startFakeRegistryServer({ stateFile: file })).rejects.toThrow(problem);
      expect(await readFile(file, "utf8")).toBe(text);
    }
  });

  it("an initialState that is not a snapshot is refused", () => {
    const broken = { format: "model-registry-fake/v1", experiments: [{ name: "no id" }] };
    expect(() =>
      createFakeRegistry({ initialState: broken as unknown as FakeRegistrySnapshot }),
    ).toThrow(/initialState is not a fake-registry snapshot: experiments\[0\] has id undefined/);
  });

  it("write errors are logged when they happen and fail flush() and close()", async () => {
    const file = join(dir, "state.json");
    const logged: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    const server = await startFakeRegistryServer({ stateFile: file, onResponse: checkResponse });
    // A directory where the file should go: every rename onto it fails.
    await mkdir(file);
    const response = await fetch(`${server.url}${P}/experiments`, {
      method: "POST",
      body: JSON.stringify({ name: "kept" }),
    });
    expect(response.status).toBe(201);
    await vi.waitFor(() => expect(logged.join("")).toContain("could not write the state file"));
    expect(logged).toHaveLength(1);
    await expect(server.registry.flush()).rejects.toThrow(
      /could not write the state file .*state\.json/,
    );
    expect(logged).toHaveLength(1);
    await expect(server.close()).rejects.toThrow(/could not write the state file/);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    // Once the path is writable again, the kept changes are written.
    await rmdir(file);
    await server.registry.flush();
    expect(logged.at(-1)).toContain("is written again");
    stderr.mockRestore();
    expect(JSON.parse(await readFile(file, "utf8")).experiments[0].name).toBe("kept");
  });
});

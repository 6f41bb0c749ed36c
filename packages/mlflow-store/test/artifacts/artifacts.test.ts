import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { MlflowClient } from "../../src/index.js";
import { type ArtifactRootKind, useArtifactHarness } from "../support/artifact-harness.js";
import { mlflowRejection } from "../support/mlflow-rejection.js";

describe.each<ArtifactRootKind>(["file", "s3"])("run artifacts under a %s root", (kind) => {
  const h = useArtifactHarness(kind);
  let client: MlflowClient;
  let runId: string;
  let source: string;

  beforeAll(async () => {
    client = h.client;
    const experimentId = await client.createExperiment(`artifacts-${kind}`);
    runId = (await client.createRun(experimentId)).info.runId;
    source = join(h.work, "source");
    await mkdir(join(source, "nested", "deeper"), { recursive: true });
    await writeFile(join(source, "top.txt"), "top");
    await writeFile(join(source, "nested", "a.csv"), "x,y\n1,2\n");
    await writeFile(join(source, "nested", "deeper", "b.bin"), Buffer.alloc(2048, 7));
  });

  it("logs a file under an artifact path and lists it one level at a time", async () => {
    await client.logArtifact(runId, join(source, "top.txt"));
    await client.logArtifact(runId, join(source, "top.txt"), "docs/readme");
    expect(await client.listArtifacts(runId, "docs")).toEqual([
      { path: "docs/readme", isDir: true, fileSize: null },
    ]);
    expect(await client.listArtifacts(runId, "docs/readme")).toEqual([
      { path: "docs/readme/top.txt", isDir: false, fileSize: 3 },
    ]);
    expect(await client.listArtifacts(runId, "docs/readme/top.txt")).toEqual([]);
    expect(await client.listArtifacts(runId, "no/such/folder")).toEqual([]);
  });

  it("logs a directory tree and lists nested levels", async () => {
    const seen: string[] = [];
    await client.logArtifacts(runId, source, "tree", {
      onProgress: (p) => {
        if (p.loaded === p.total) seen.push(p.path);
      },
    });
    expect(seen.sort()).toEqual(["tree/nested/a.csv", "tree/nested/deeper/b.bin", "tree/top.txt"]);
    expect(await client.listArtifacts(runId, "tree")).toEqual([
      { path: "tree/nested", isDir: true, fileSize: null },
      { path: "tree/top.txt", isDir: false, fileSize: 3 },
    ]);
    expect(await client.listArtifacts(runId, "tree/nested")).toEqual([
      { path: "tree/nested/a.csv", isDir: false, fileSize: 8 },
      { path: "tree/nested/deeper", isDir: true, fileSize: null },
    ]);
    const root = (await client.listArtifacts(runId)).map((f) => f.path);
    // s3rver leaves out a common prefix with no object directly below it ("docs" holds only
    // "docs/readme/…"); S3 and MinIO list it.
    expect(root).toEqual(
      expect.arrayContaining(kind === "s3" ? ["top.txt", "tree"] : ["docs", "top.txt", "tree"]),
    );
  });

  it("downloads a file and a whole directory", async () => {
    const file = await client.downloadArtifacts(
      runId,
      "tree/nested/a.csv",
      join(h.work, "dl-file"),
    );
    expect(file).toBe(join(h.work, "dl-file", "tree", "nested", "a.csv"));
    expect(await readFile(file, "utf8")).toBe("x,y\n1,2\n");

    const dir = await client.downloadArtifacts(runId, "tree", join(h.work, "dl-dir"));
    expect(dir).toBe(join(h.work, "dl-dir", "tree"));
    expect((await readdir(dir, { recursive: true })).sort()).toEqual([
      "nested",
      "nested/a.csv",
      "nested/deeper",
      "nested/deeper/b.bin",
      "top.txt",
    ]);
    expect(
      (await readFile(join(dir, "nested", "deeper", "b.bin"))).equals(Buffer.alloc(2048, 7)),
    ).toBe(true);

    const temporary = await client.downloadArtifacts(runId, "top.txt");
    expect(await readFile(temporary, "utf8")).toBe("top");
  });

  it("a missing artifact is RESOURCE_DOES_NOT_EXIST", async () => {
    const error = await mlflowRejection(
      client.downloadArtifacts(runId, "nope.txt", join(h.work, "dl-missing")),
    );
    expect(error.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
    expect(await readdir(join(h.work, "dl-missing")).catch(() => [])).toEqual([]);
  });

  it("logs text and dictionaries (JSON, or YAML for .yaml/.yml)", async () => {
    await client.logText(runId, "héllo\n", "notes/hello.txt");
    await client.logDict(runId, { b: 1, a: { c: [1, 2] } }, "config/params.json");
    await client.logDict(
      runId,
      { b: 1, a: { c: [1, 2] }, when: "2025-01-01 00:00:00" },
      "config/params.yaml",
    );
    const dir = await client.downloadArtifacts(runId, "", join(h.work, "dl-text"));
    expect(await readFile(join(dir, "notes", "hello.txt"), "utf8")).toBe("héllo\n");
    const json = await readFile(join(dir, "config", "params.json"), "utf8");
    expect(json).toBe('{\n  "b": 1,\n  "a": {\n    "c": [\n      1,\n      2\n    ]\n  }\n}');
    const yamlText = await readFile(join(dir, "config", "params.yaml"), "utf8");
    expect(parse(yamlText, { version: "1.1" })).toEqual({
      a: { c: [1, 2] },
      b: 1,
      when: "2025-01-01 00:00:00",
    });
  });

  it.each([
    [
      "logArtifact",
      (c: MlflowClient, run: string, src: string) =>
        c.logArtifact(run, join(src, "top.txt"), "../escape"),
    ],
    [
      "logArtifact",
      (c: MlflowClient, run: string, src: string) =>
        c.logArtifact(run, join(src, "top.txt"), "/etc"),
    ],
    [
      "logArtifacts",
      (c: MlflowClient, run: string, src: string) => c.logArtifacts(run, src, "a/../../b"),
    ],
    ["logText", (c: MlflowClient, run: string) => c.logText(run, "x", "../../outside.txt")],
    ["logText", (c: MlflowClient, run: string) => c.logText(run, "x", "a\\..\\b.txt")],
    ["logDict", (c: MlflowClient, run: string) => c.logDict(run, {}, "")],
    ["listArtifacts", (c: MlflowClient, run: string) => c.listArtifacts(run, "..")],
    ["downloadArtifacts", (c: MlflowClient, run: string) => c.downloadArtifacts(run, "../x")],
    ["downloadArtifacts", (c: MlflowClient, run: string) => c.downloadArtifacts(run, "C:/x")],
  ])("%s rejects unsafe paths with INVALID_PARAMETER_VALUE", async (_name, call) => {
    const before = await readdir(h.work, { recursive: true });
    const error = await mlflowRejection(call(client, runId, source));
    expect(error.errorCode).toBe("INVALID_PARAMETER_VALUE");
    expect(error.message).toMatch(/Invalid artifact path/);
    // Nothing was written anywhere (the file root lives inside the scratch folder).
    expect(await readdir(h.work, { recursive: true })).toEqual(before);
  });

  it("rejects local paths that are missing or of the wrong kind", async () => {
    expect(
      (await mlflowRejection(client.logArtifact(runId, join(source, "missing")))).errorCode,
    ).toBe("INVALID_PARAMETER_VALUE");
    expect((await mlflowRejection(client.logArtifact(runId, source))).message).toMatch(
      /not a file/,
    );
    expect(
      (await mlflowRejection(client.logArtifacts(runId, join(source, "top.txt")))).message,
    ).toMatch(/not a directory/);
  });

  it("a cancelled upload leaves nothing under its name", async () => {
    // Larger than the S3 part size (8 MiB): cancelled after the first part, the multipart upload
    // is aborted; a local copy is cancelled after its first chunk.
    const big = join(h.work, "big.bin");
    await writeFile(big, Buffer.alloc(9 * 1024 * 1024, 1));
    const controller = new AbortController();
    const reason = new Error("cancelled by the user");
    const upload = client.logArtifact(runId, big, "cancelled", {
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await expect(upload).rejects.toBe(reason);
    expect(await client.listArtifacts(runId, "cancelled")).toEqual([]);
    const already = new AbortController();
    already.abort(reason);
    await expect(
      client.logText(runId, "x", "cancelled/x.txt", { signal: already.signal }),
    ).rejects.toBe(reason);
    expect(await client.listArtifacts(runId, "cancelled")).toEqual([]);
  });

  it("a failed download leaves no partial file", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    await client.logArtifact(runId, join(h.work, "big.bin"), "blobs");
    const destination = join(h.work, "dl-cancel");
    await expect(
      client.downloadArtifacts(runId, "blobs/big.bin", destination, {
        signal: controller.signal,
        onProgress: () => controller.abort(reason),
      }),
    ).rejects.toBe(reason);
    expect(await readdir(join(destination, "blobs")).catch(() => [])).toEqual([]);
  });

  it("uses whatever artifact URI the run has (e.g. a run written by another client)", async () => {
    const experimentId = await client.createExperiment(`foreign-${kind}`);
    const foreignRoot =
      kind === "s3" ? "s3://artifacts/python-plugin/1/abc" : `${h.artifactRoot}/elsewhere/run-dir`;
    const run = await unwrap(
      h.registry.POST(`${REGISTRY_API_PREFIX}/experiment_runs`, {
        body: {
          experimentId,
          name: "python-run",
          status: "RUNNING",
          state: "LIVE",
          externalId: foreignRoot,
        },
      }),
    );
    const other = (await import("../../src/index.js")).createMlflowClient({
      store: h.store,
      env: h.env,
    });
    await other.logText(run.id as string, "from ts", "hello.txt");
    expect((await other.getRun(run.id as string)).info.artifactUri).toBe(foreignRoot);
    expect(await other.listArtifacts(run.id as string)).toEqual([
      { path: "hello.txt", isDir: false, fileSize: 7 },
    ]);
    if (kind === "file") {
      expect(await readFile(join(h.localRoot!, "elsewhere", "run-dir", "hello.txt"), "utf8")).toBe(
        "from ts",
      );
    }
  });

  it.runIf(kind === "file")("writes under the run's folder only", async () => {
    const run = await client.getRun(runId);
    const folder = new URL(run.info.artifactUri).pathname;
    expect((await stat(join(folder, "tree", "top.txt"))).size).toBe(3);
  });
});

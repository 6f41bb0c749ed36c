/**
 * The S3 module and uploadArtifactAndRegisterModel (Node-only: local files, the AWS SDK) live in
 * the `./s3` entry: nothing the main entry imports, statically or lazily, reaches them, so
 * bundling the main entry never pulls them in.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

/** The built files an ESM entry reaches through relative imports (static or dynamic). */
async function moduleGraph(entry: string): Promise<Map<string, string>> {
  const graph = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const source = await readFile(`${DIST}${file}`, "utf8").catch(() => {
      throw new Error(`build the package first (dist/${file} is missing)`);
    });
    graph.set(file, source);
    for (const [, target] of source.matchAll(/(?:from|import\()\s*"\.\/([^"]+)"/g)) {
      pending.push(target!);
    }
  }
  return graph;
}

describe("the main entry and the ./s3 entry", () => {
  it("the main entry's module graph holds no S3 code and no AWS SDK import", async () => {
    const main = await moduleGraph("index.js");
    for (const [file, source] of main) {
      expect(source, file).not.toMatch(
        /@aws-sdk|uploadArtifactAndRegisterModel|createS3Storage|s3UriFrom/,
      );
    }
  });

  it("the ./s3 entry has them", async () => {
    const s3 = [...(await moduleGraph("s3.js")).values()].join("\n");
    expect(s3).toContain("function uploadArtifactAndRegisterModel");
    expect(s3).toContain('import("@aws-sdk/client-s3")');
  });
});

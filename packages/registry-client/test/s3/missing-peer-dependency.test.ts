import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));
let app: string;

// The built `s3` entry runs from a folder with no node_modules above it, where the optional
// peer dependencies cannot be resolved: exactly an installation without the AWS SDK.
beforeAll(async () => {
  const files = await readdir(DIST).catch((): string[] => []);
  if (!files.includes("s3.js")) throw new Error("build the package first (dist/s3.js is missing)");
  app = await mkdtemp(join(tmpdir(), "no-aws-sdk-"));
  for (const file of files.filter((f) => /\.(c?js)$/.test(f)))
    await cp(join(DIST, file), join(app, file));
});
afterAll(async () => {
  await rm(app, { recursive: true, force: true });
});

async function run(file: string, source: string): Promise<{ code: string; message: string }> {
  await writeFile(join(app, file), source);
  const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: app });
  return JSON.parse(stdout) as { code: string; message: string };
}

const program = (load: string) => `
${load}
const storage = s3.createS3Storage({ env: { AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s" } });
// Pure helpers work without the SDK.
if (s3.parseS3Uri("s3://b/k").bucket !== "b") throw new Error("parseS3Uri broken");
storage.stat("s3://bucket/key?endpoint=http://127.0.0.1:9").then(
  () => console.log(JSON.stringify({ code: "none", message: "resolved" })),
  (e) => console.log(JSON.stringify({ code: e.code, message: e.message })),
);
`;

describe("without the optional AWS SDK peer dependencies", () => {
  it.each([
    ["ESM", "esm.mjs", `import * as s3 from "./s3.js";`],
    ["CommonJS", "cjs.cjs", `const s3 = require("./s3.cjs");`],
  ])(
    "an s3:// operation fails with an error naming the packages to install (%s)",
    async (_kind, file, load) => {
      const { code, message } = await run(file, program(load));
      expect(code).toBe("MISSING_PEER_DEPENDENCY");
      expect(message).toContain("npm install @aws-sdk/client-s3 @aws-sdk/lib-storage");
    },
  );
});

import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const CLI = join(import.meta.dirname, "..", "dist", "cli.js");
const P = "/api/model_registry/v1alpha3";

/** Waits for the start-up lines (URL and tracking URI) and returns the URL and all output. */
function waitForStart(child: ChildProcess): Promise<{ url: string; output: string }> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)\n.*MLFLOW_TRACKING_URI=.*\n/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], output });
      }
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

const waitForUrl = async (child: ChildProcess) => (await waitForStart(child)).url;

describe("model-registry-fake serve (built bin, called with curl from another process)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "fake-cli-"));
    if (!existsSync(CLI))
      throw new Error("dist/cli.js is missing: run `pnpm --filter @model-registry/testing build`");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints its URL, answers curl, exits cleanly on SIGTERM and leaves the state file", async () => {
    const stateFile = join(dir, "state.json");
    const child = spawn(
      process.execPath,
      [CLI, "serve", "--port", "0", "--state-file", stateFile],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const url = await waitForUrl(child);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const created = await run("curl", [
        "-sS",
        "-X",
        "POST",
        "-H",
        "content-type: application/json",
        "-d",
        '{"name":"from-curl"}',
        "-w",
        "\\n%{http_code}",
        `${url}${P}/experiments`,
      ]);
      const lines = created.stdout.split("\n");
      const [body, status] = [lines[0], lines.at(-1)];
      expect(status).toBe("201");
      expect(JSON.parse(body ?? "")).toMatchObject({ id: "1", name: "from-curl", state: "LIVE" });
      const unknown = await run("curl", ["-sS", "-w", "%{http_code}", `${url}${P}/nope`]);
      expect(unknown.stdout).toBe("404 page not found\n404");
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const saved = JSON.parse(await readFile(stateFile, "utf8"));
      expect(saved.experiments[0]).toMatchObject({ name: "from-curl" });
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("prints the MLflow tracking URI to use, and with --require-token how to send it (never the token)", async () => {
    for (const [args, expected] of [
      [[], /^MLflow tracking URI: MLFLOW_TRACKING_URI=modelregistry\+http:\/\/127\.0\.0\.1:(\d+)$/],
      [
        ["--require-token", "s3cret-token"],
        /^MLflow tracking URI: MLFLOW_TRACKING_URI=modelregistry\+http:\/\/127\.0\.0\.1:(\d+) MODEL_REGISTRY_TOKEN=<the --require-token value> MODEL_REGISTRY_ALLOW_INSECURE_AUTH=true$/,
      ],
    ] as const) {
      const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...args], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      try {
        const { url, output } = await waitForStart(child);
        const line = output.split("\n")[1] ?? "";
        expect(line).toMatch(expected);
        expect(url).toBe(`http://127.0.0.1:${expected.exec(line)?.[1]}`);
        expect(output).not.toContain("s3cret-token");
      } finally {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
    }
  });

  it("rejects an unknown command with usage and exit code 2", async () => {
    const error = await run(process.execPath, [CLI, "bogus"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toContain("Usage: model-registry-fake serve");
  });

  it("refuses a state file that is not a snapshot, leaving it, and a zero body limit", async () => {
    const file = join(dir, "not-a-snapshot.json");
    await writeFile(file, '{"format": "something-else/v3"}');
    const refused = await run(process.execPath, [
      CLI,
      "serve",
      "--port",
      "0",
      "--state-file",
      file,
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(
      /not a fake-registry snapshot.*refusing/,
    );
    expect(await readFile(file, "utf8")).toBe('{"format": "something-else/v3"}');
    const zero = await run(process.execPath, [CLI, "serve", "--max-body-bytes", "0"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(zero).toMatchObject({ code: 2 });
    expect((zero as { stderr: string }).stderr).toContain("--max-body-bytes");
  });
});

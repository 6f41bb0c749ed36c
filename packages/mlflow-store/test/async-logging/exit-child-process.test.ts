/**
 * Real processes using async logging with `registerAsyncLoggingExitHook` (the built package, as
 * users import it) against the fake registry over a loopback port: returning from main, SIGTERM
 * and SIGINT while a loop keeps logging, and a drain that runs out of time. Nothing accepted may
 * be lost silently: it is in the registry, or counted on stderr.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FakeRegistryServerOptions } from "@model-registry/testing/node";
import { type FakeRegistryServer, startFakeRegistryServer } from "@model-registry/testing/node";
import { afterEach, describe, expect, it } from "vitest";

const CHILD = fileURLToPath(new URL("./children/log-until-exit.mjs", import.meta.url));

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  runId: string;
  /** Highest `accepted` count the child printed before it was signalled. */
  acceptedAtSignal: number;
  /** From sending the signal to the process's exit, in ms. */
  drainMs: number;
}

let server: FakeRegistryServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startRegistry(options: FakeRegistryServerOptions = {}): Promise<string> {
  server = await startFakeRegistryServer({ host: "127.0.0.1", port: 0, ...options });
  return server.url;
}

/** Runs the child; with `signal`, sends it once the child has had `after` requests accepted. */
function runChild(
  mode: "return" | "loop",
  url: string,
  options: { signal?: NodeJS.Signals; after?: number; env?: Record<string, string> } = {},
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, mode], {
      env: { ...process.env, REGISTRY_URL: url, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let runId = "";
    let accepted = 0;
    let signalledAt: number | undefined;
    const killer = setTimeout(() => child.kill("SIGKILL"), 40_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const lines = stdout.split("\n");
      stdout = lines.pop() ?? "";
      for (const line of lines) {
        const message = JSON.parse(line) as { runId?: string; accepted?: number };
        if (message.runId) runId = message.runId;
        if (message.accepted) accepted = message.accepted;
        if (options.signal && signalledAt === undefined && accepted >= (options.after ?? 0)) {
          signalledAt = performance.now();
          child.kill(options.signal);
        }
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(killer);
      resolve({
        code,
        signal,
        stderr,
        runId,
        acceptedAtSignal: accepted,
        drainMs: signalledAt === undefined ? 0 : performance.now() - signalledAt,
      });
    });
  });
}

/** Steps of the run's metric history records, sorted (one record per stored point). */
function storedSteps(runId: string): number[] {
  const history = server?.registry.snapshot().metricHistory ?? [];
  return history
    .filter((record) => record["experimentRunId"] === runId)
    .map((record) => Number(record["step"]))
    .sort((a, b) => a - b);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

describe("async logging at process exit (child processes)", () => {
  it("writes everything queued when main returns without awaiting it, and exits 0", async () => {
    const url = await startRegistry({ latencyMs: 1 });
    const outcome = await runChild("return", url);
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);
    expect(storedSteps(outcome.runId)).toEqual(range(200));
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "on %s while a loop keeps logging: stops accepting, writes every accepted point, reports the refused call, ends by the signal",
    async (signal) => {
      const url = await startRegistry({ latencyMs: 1 });
      const outcome = await runChild("loop", url, { signal, after: 150 });
      expect(outcome.signal).toBe(signal);
      const steps = storedSteps(outcome.runId);
      // Every call before the one that stalled was accepted, and each is stored exactly once.
      expect(steps.length).toBeGreaterThanOrEqual(outcome.acceptedAtSignal);
      expect(steps).toEqual(range(steps.length));
      expect(outcome.stderr).toContain(`${signal}: async logging drained in`);
      expect(outcome.stderr).toContain(
        `${signal}: 1 async logging request (1 metrics, 0 params, 0 tags) logged after the queue closed was not accepted and is lost`,
      );
      expect(outcome.stderr).not.toContain("failed");
      expect(outcome.stderr).not.toContain("not written");
      console.info(
        `[exit] ${signal}: ${steps.length} points stored, drain + exit ${Math.round(outcome.drainMs)} ms`,
      );
    },
  );

  it("counts on stderr what a drain that runs out of time could not write", async () => {
    const url = await startRegistry({
      faults: [
        {
          kind: "hang",
          method: "POST",
          route: "/experiment_runs/{experimentrunId}/artifacts",
          hangMs: 60_000,
        },
      ],
    });
    const outcome = await runChild("loop", url, {
      signal: "SIGTERM",
      after: 200,
      env: { DRAIN_TIMEOUT_MS: "300" },
    });
    expect(outcome.signal).toBe("SIGTERM");
    expect(storedSteps(outcome.runId)).toEqual([]);
    const unwritten =
      /SIGTERM: (\d+) async logging requests \((\d+) metrics, 0 params, 0 tags\) were not written within \d+ ms and are lost/.exec(
        outcome.stderr,
      );
    expect(unwritten, outcome.stderr).not.toBeNull();
    // Every accepted call is counted: the stalled one is refused, all others are unwritten.
    expect(Number(unwritten?.[1])).toBeGreaterThanOrEqual(outcome.acceptedAtSignal);
    expect(unwritten?.[2]).toBe(unwritten?.[1]);
    expect(outcome.stderr).toContain("was not accepted and is lost");
    expect(outcome.drainMs).toBeLessThan(10_000);
  });
});

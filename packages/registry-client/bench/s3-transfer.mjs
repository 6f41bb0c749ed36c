// Throughput and peak memory of S3 transfers: uploads a file (200 MiB by default) to a local
// s3rver, downloads it back, and reports MiB/s and this process's peak RSS during each phase.
// s3rver runs in its own process, so the RSS is the client's alone.
// Usage (after `pnpm --filter @model-registry/registry-client build`):
//   node --expose-gc packages/registry-client/bench/s3-transfer.mjs   (BENCH_MB=200, BENCH_PART_MB=8)
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createS3Storage } from "../dist/s3.js";

const MIB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_MB ?? 200) * MIB;
const PART = Number(process.env.BENCH_PART_MB ?? 8) * MIB;

const work = await mkdtemp(join(tmpdir(), "s3-bench-"));
const serverDir = await mkdtemp(join(tmpdir(), "s3-bench-server-"));
const script = fileURLToPath(new URL("../test/support/s3-server-process.mjs", import.meta.url));
const server = spawn(process.execPath, ["--openssl-legacy-provider", script, serverDir, "bench"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await new Promise((resolve) => {
  createInterface({ input: server.stdout }).on("line", (line) => {
    const message = JSON.parse(line);
    if (message.port !== undefined) resolve(message.port);
  });
});

/** Writes SIZE pseudo-random bytes (seeded, 1 MiB at a time) and returns their SHA-256. */
async function makeFile(path) {
  const file = await open(path, "w");
  const hash = createHash("sha256");
  const block = Buffer.alloc(MIB);
  let state = 0x9e3779b9;
  for (let written = 0; written < SIZE; written += MIB) {
    for (let i = 0; i < MIB; i += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      block.writeUInt32LE(state >>> 0, i);
    }
    hash.update(block);
    await file.write(block);
  }
  await file.close();
  return hash.digest("hex");
}

async function sha256(path) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest("hex");
}

/** Runs `task`, sampling RSS every 10 ms; returns seconds and the peak RSS in MiB. */
async function measure(task) {
  globalThis.gc?.();
  const startMiB = process.memoryUsage.rss() / MIB;
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const start = performance.now();
  try {
    await task();
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - start) / 1000;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds, startMiB, peakMiB: peak / MIB };
}

try {
  const source = join(work, "model.bin");
  const digest = await makeFile(source);
  const storage = createS3Storage({
    partSize: PART,
    env: {
      MLFLOW_S3_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
    },
  });
  const baseline = process.memoryUsage.rss() / MIB;
  const up = await measure(() => storage.uploadFile(source, "s3://bench/model.bin"));
  const target = join(work, "downloaded.bin");
  const down = await measure(() => storage.downloadFile("s3://bench/model.bin", target));
  const intact = (await sha256(target)) === digest;
  storage.destroy();
  const mib = SIZE / MIB;
  console.log(
    `S3 transfer of ${mib} MiB against s3rver on 127.0.0.1 (part size ${PART / MIB} MiB, 4 parts in flight)`,
  );
  console.log(`RSS before transfers: ${baseline.toFixed(0)} MiB`);
  console.log(
    `upload:   ${up.seconds.toFixed(2)} s  ${(mib / up.seconds).toFixed(1)} MiB/s  RSS ${up.startMiB.toFixed(0)} → peak ${up.peakMiB.toFixed(0)} MiB`,
  );
  console.log(
    `download: ${down.seconds.toFixed(2)} s  ${(mib / down.seconds).toFixed(1)} MiB/s  RSS ${down.startMiB.toFixed(0)} → peak ${down.peakMiB.toFixed(0)} MiB`,
  );
  console.log(`downloaded bytes match: ${intact}`);
  if (!intact) process.exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await rm(work, { recursive: true, force: true });
  await new Promise((resolve) => server.once("exit", resolve));
  await rm(serverDir, { recursive: true, force: true });
}

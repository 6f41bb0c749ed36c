/**
 * A real S3-protocol server for tests: s3rver on 127.0.0.1 (ephemeral port) over a temporary
 * folder, in a child process (see s3-server-process.mjs), with every request it received
 * recorded and AbortMultipartUpload answered as S3 does.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import type { IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** One request the server received. */
export interface RecordedS3Request {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** A running test S3 server. */
export interface S3TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  /** Environment that points the S3 storage at this server (endpoint and credentials). */
  readonly env: Record<string, string>;
  /** Requests received so far (reported by the server process; see {@link S3TestServer.settle}). */
  readonly requests: RecordedS3Request[];
  /** Waits until the server process has reported every request it received so far. */
  settle(): Promise<void>;
  /** Multipart uploads started and neither completed nor aborted. */
  pendingUploads(bucket: string): Promise<string[]>;
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL("./s3-server-process.mjs", import.meta.url));

/** Starts s3rver with `buckets` created. */
export async function startS3Server(
  buckets: readonly string[] = ["artifacts"],
): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["--openssl-legacy-provider", SCRIPT, directory, ...buckets],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const requests: RecordedS3Request[] = [];
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`s3rver process exited with ${code}`)));
    lines.on("line", (line) => {
      const message = JSON.parse(line) as { port?: number; request?: RecordedS3Request };
      if (message.port !== undefined) resolve(message.port);
      if (message.request !== undefined) requests.push(message.request);
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: {
      MLFLOW_S3_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_DEFAULT_REGION: "us-east-1",
    },
    requests,
    async settle() {
      // Requests are reported in the order they arrive: once a marker request is reported,
      // every earlier one is too.
      const marker = `/__settle__/${Math.random().toString(36).slice(2)}`;
      await fetch(`${endpoint}${marker}`).then((r) => r.arrayBuffer());
      const isMarker = (r: RecordedS3Request) => r.url === marker;
      for (let i = 0; i < 500 && !requests.some(isMarker); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const index = requests.findIndex(isMarker);
      if (index < 0) throw new Error("the s3rver process did not report its requests");
      requests.splice(index, 1);
    },
    pendingUploads: (bucket) =>
      readdir(join(directory, bucket, "._S3rver_uploads")).catch(() => []),
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}

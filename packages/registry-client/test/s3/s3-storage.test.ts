import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { inspect } from "node:util";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createS3Storage,
  resolveS3Config,
  type S3Storage,
  type S3StorageError,
  type S3TransferProgress,
} from "../../src/s3/index.js";
import { type S3TestServer, startS3Server } from "../support/s3-server.js";

const MIB = 1024 * 1024;
const PART = 5 * MIB;

let server: S3TestServer;
let storage: S3Storage;
let work: string;

beforeAll(async () => {
  server = await startS3Server(["artifacts"]);
  storage = createS3Storage({ env: server.env, partSize: PART, queueSize: 2 });
  work = await mkdtemp(join(tmpdir(), "s3-storage-test-"));
});
afterAll(async () => {
  storage.destroy();
  await server.close();
  await rm(work, { recursive: true, force: true });
});
afterEach(async () => {
  await server.settle();
  server.requests.length = 0;
});
/** The requests the server received, once all are reported. */
async function received(): Promise<string[]> {
  await server.settle();
  return server.requests.map(requestLine);
}

/** Deterministic bytes (seeded) so failures reproduce. */
function bytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out.writeUInt32LE(state >>> 0, Math.min(i, size - 4));
  }
  return out;
}
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
/** "METHOD /path?query" with the upload id masked and the SDK's informational `x-id` dropped. */
const requestLine = (r: { method: string; url: string }) =>
  `${r.method} ${r.url
    .replace(/uploadId=[0-9a-f]+/, "uploadId=ID")
    .replace(/[?&]x-id=[A-Za-z]+/, "")
    .replace(/\?uploads=$/, "?uploads")}`;

describe("checksums", () => {
  it("with the SDK's default checksums, s3rver stores the aws-chunked framing instead of the bytes", async () => {
    // Why the storage sets requestChecksumCalculation/responseChecksumValidation to WHEN_REQUIRED.
    const plain = new S3Client({
      endpoint: server.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    try {
      await plain.send(
        new PutObjectCommand({
          Bucket: "artifacts",
          Key: "checksums/default.txt",
          Body: Readable.from([Buffer.from("hello "), Buffer.from("world")]),
          ContentLength: 11,
        }),
      );
      const got = await plain.send(
        new GetObjectCommand({ Bucket: "artifacts", Key: "checksums/default.txt" }),
      );
      expect(await got.Body?.transformToString()).not.toBe("hello world");
    } finally {
      plain.destroy();
    }
  });

  it("the storage sends no checksum headers nor aws-chunked bodies, and the bytes arrive intact", async () => {
    await storage.uploadStream(
      Readable.from([Buffer.from("hello "), Buffer.from("world")]),
      "s3://artifacts/checksums/ours.txt",
      { contentLength: 11 },
    );
    await server.settle();
    const put = server.requests.find((r) => r.method === "PUT");
    expect(put).toBeDefined();
    const headerNames = Object.keys(put?.headers ?? {});
    expect(
      headerNames.filter((h) => h.startsWith("x-amz-checksum") || h === "x-amz-trailer"),
    ).toEqual([]);
    expect(put?.headers["content-encoding"] ?? "").not.toContain("aws-chunked");
    const target = join(work, "ours.txt");
    await storage.downloadFile("s3://artifacts/checksums/ours.txt", target);
    expect(await readFile(target, "utf8")).toBe("hello world");
  });
});

describe("uploads", () => {
  it("puts a small file in one request and reads it back", async () => {
    const file = join(work, "small.bin");
    const data = bytes(64 * 1024, 1);
    await writeFile(file, data);
    const progress: S3TransferProgress[] = [];
    const result = await storage.uploadFile(file, "s3://artifacts/small/small.bin", {
      onProgress: (p) => progress.push(p),
      contentType: "application/x-test",
    });
    expect(result).toMatchObject({
      bucket: "artifacts",
      key: "small/small.bin",
      uri: "s3://artifacts/small/small.bin",
      size: data.length,
      multipart: false,
    });
    expect(await received()).toEqual(["PUT /artifacts/small/small.bin"]);
    expect(progress.at(-1)).toMatchObject({ loaded: data.length, total: data.length });
    const info = await storage.stat("s3://artifacts/small/small.bin");
    expect(info).toMatchObject({ size: data.length, contentType: "application/x-test" });
  });

  it("uploads a file larger than the part size as a multipart upload, streaming parts", async () => {
    const file = join(work, "large.bin");
    const data = bytes(PART + 300 * 1024, 2);
    await writeFile(file, data);
    const progress: number[] = [];
    const result = await storage.uploadFile(file, "s3://artifacts/large/large.bin", {
      onProgress: (p) => progress.push(p.loaded),
    });
    expect(result).toMatchObject({ size: data.length, multipart: true });
    expect((await received()).sort()).toEqual(
      [
        "POST /artifacts/large/large.bin?uploads",
        "PUT /artifacts/large/large.bin?partNumber=1&uploadId=ID",
        "PUT /artifacts/large/large.bin?partNumber=2&uploadId=ID",
        "POST /artifacts/large/large.bin?uploadId=ID",
      ].sort(),
    );
    expect(progress.at(-1)).toBe(data.length);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const back = join(work, "large.back");
    const downloaded = await storage.downloadFile("s3://artifacts/large/large.bin", back);
    expect(downloaded.size).toBe(data.length);
    expect(sha(await readFile(back))).toBe(sha(data));
    expect(await server.pendingUploads("artifacts")).toEqual([]);
  });

  it("uploads an empty file", async () => {
    const file = join(work, "empty.bin");
    await writeFile(file, "");
    await storage.uploadFile(file, "s3://artifacts/empty/empty.bin");
    expect(await storage.stat("s3://artifacts/empty/empty.bin")).toMatchObject({ size: 0 });
  });

  it("cancelling a multipart upload aborts it on the server: no object, no parts left", async () => {
    const file = join(work, "cancel.bin");
    await writeFile(file, bytes(2 * PART + 1024, 3));
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const upload = storage.uploadFile(file, "s3://artifacts/cancel/cancel.bin", {
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await expect(upload).rejects.toBe(reason);
    expect(await storage.stat("s3://artifacts/cancel/cancel.bin")).toBeNull();
    const lines = await received();
    expect(lines).toContain("POST /artifacts/cancel/cancel.bin?uploads");
    expect(lines).toContain("DELETE /artifacts/cancel/cancel.bin?uploadId=ID");
    expect(lines).not.toContain("POST /artifacts/cancel/cancel.bin?uploadId=ID");
    expect(await server.pendingUploads("artifacts")).toEqual([]);
  });

  it("an already aborted signal sends nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      storage.uploadStream("x", "s3://artifacts/never.txt", { signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(await received()).toEqual([]);
  });

  it("a failed upload is a typed error with the operation, location and S3 code", async () => {
    const error = (await storage
      .uploadStream("x", "s3://no-such-bucket/k.txt")
      .catch((e: unknown) => e)) as S3StorageError;
    expect(error).toMatchObject({
      name: "S3StorageError",
      code: "NOT_FOUND",
      bucket: "no-such-bucket",
      key: "k.txt",
      s3Code: "NoSuchBucket",
      status: 404,
    });
    expect(error.message).toContain("s3://no-such-bucket/k.txt");
    // No credentials or signed headers travel with the error (its cause included).
    expect(inspect(error, { depth: 20 })).not.toMatch(/S3RVER|Signature=|authorization/i);
  });

  it("uploads a directory tree below a prefix", async () => {
    const dir = join(work, "tree");
    await mkdir(join(dir, "sub", "deeper"), { recursive: true });
    await writeFile(join(dir, "a.txt"), "a");
    await writeFile(join(dir, "sub", "b.txt"), "bb");
    await writeFile(join(dir, "sub", "deeper", "c.txt"), "ccc");
    const results = await storage.uploadDirectory(dir, "s3://artifacts/tree/");
    expect(results.map((r) => [r.key, r.size])).toEqual([
      ["tree/a.txt", 1],
      ["tree/sub/b.txt", 2],
      ["tree/sub/deeper/c.txt", 3],
    ]);
  });
});

describe("listing", () => {
  beforeAll(async () => {
    for (const key of [
      "list/a.txt",
      "list/b/c.txt",
      "list/b/d/e.txt",
      "list/f.txt",
      "listing.txt",
    ]) {
      await storage.uploadStream(key, `s3://artifacts/${key}`);
    }
  });

  it("lists one level with a delimiter", async () => {
    const entries = [];
    for await (const entry of storage.list("s3://artifacts/list/", { delimiter: "/" })) {
      entries.push(entry.type === "object" ? `${entry.key} ${entry.size}` : `${entry.key}/`);
    }
    expect(entries.sort()).toEqual(["list/a.txt 10", "list/b//", "list/f.txt 10"]);
  });

  it("lists everything below a prefix across pages", async () => {
    const keys = [];
    for await (const entry of storage.list("s3://artifacts/list/", { pageSize: 2 })) {
      keys.push(entry.key);
    }
    expect(keys.sort()).toEqual(["list/a.txt", "list/b/c.txt", "list/b/d/e.txt", "list/f.txt"]);
  });
});

describe("downloads", () => {
  it("a missing object is NOT_FOUND and leaves no file", async () => {
    const dir = join(work, "missing");
    const error = await storage
      .downloadFile("s3://artifacts/does/not/exist", join(dir, "x"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NOT_FOUND", s3Code: "NoSuchKey" });
    expect(await readdir(dir)).toEqual([]);
  });

  it("a cancelled download leaves neither the file nor a temporary one", async () => {
    const data = bytes(3 * MIB, 4);
    await storage.uploadStream(data, "s3://artifacts/dl/big.bin");
    const dir = join(work, "cancelled");
    const controller = new AbortController();
    const reason = new Error("stop");
    const result = storage.downloadFile("s3://artifacts/dl/big.bin", join(dir, "big.bin"), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.loaded > 0) controller.abort(reason);
      },
    });
    await expect(result).rejects.toBe(reason);
    expect(await readdir(dir)).toEqual([]);
  });

  it("reports progress up to the object size", async () => {
    const data = bytes(MIB + 7, 5);
    await storage.uploadStream(data, "s3://artifacts/dl/progress.bin");
    const seen: S3TransferProgress[] = [];
    await storage.downloadFile("s3://artifacts/dl/progress.bin", join(work, "progress.bin"), {
      onProgress: (p) => seen.push(p),
    });
    expect(seen.at(-1)).toMatchObject({ loaded: data.length, total: data.length });
  });
});

describe("configuration", () => {
  it("reaches a server named by the URI's ?endpoint= without any environment", async () => {
    const bare = createS3Storage({
      env: {},
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    try {
      const uri = `s3://artifacts/by-uri.txt?endpoint=${server.endpoint}&defaultRegion=us-east-1`;
      await bare.uploadStream("via uri", uri);
      expect(await bare.stat(uri)).toMatchObject({ size: 7 });
    } finally {
      bare.destroy();
    }
  });

  it("resolves endpoint, region, addressing and TLS from options, URI and environment", () => {
    expect(resolveS3Config({ env: {} }, {})).toEqual({ forcePathStyle: false, ignoreTls: false });
    expect(
      resolveS3Config(
        { env: { MLFLOW_S3_ENDPOINT_URL: "http://minio:9000", MLFLOW_S3_IGNORE_TLS: "true" } },
        {},
      ),
    ).toEqual({
      endpoint: "http://minio:9000",
      region: "us-east-1",
      forcePathStyle: true,
      ignoreTls: true,
    });
    const env = {
      MLFLOW_S3_ENDPOINT_URL: "http://env:9000",
      AWS_S3_ENDPOINT: "http://kubeflow:9000",
      AWS_DEFAULT_REGION: "eu-west-1",
    };
    expect(
      resolveS3Config({ env }, { endpoint: "http://uri:9000", region: "ap-south-1" }),
    ).toMatchObject({
      endpoint: "http://uri:9000",
      region: "ap-south-1",
    });
    expect(
      resolveS3Config({ env, endpoint: "minio.local" }, { endpoint: "http://uri:9000" }),
    ).toMatchObject({
      endpoint: "https://minio.local",
      region: "eu-west-1",
    });
    expect(resolveS3Config({ env: { AWS_S3_ENDPOINT: "http://kubeflow:9000" } }, {})).toMatchObject(
      {
        endpoint: "http://kubeflow:9000",
      },
    );
    expect(
      resolveS3Config(
        { env: { MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE: "virtual", AWS_S3_ENDPOINT: "http://x" } },
        {},
      ),
    ).toMatchObject({ forcePathStyle: false });
  });

  it("rejects a part size below S3's minimum", () => {
    expect(() => createS3Storage({ partSize: MIB })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
  });
});

// Runs s3rver for tests in its own process, started by s3-server.ts as
//   node --openssl-legacy-provider s3-server-process.mjs DIRECTORY BUCKET...
// (s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers
// through its legacy provider). A thin node:http front on 127.0.0.1 reports every request on
// stdout as a JSON line and answers AbortMultipartUpload, which s3rver does not implement, as S3
// does (204, the upload's parts discarded). The first stdout line is {"port": N}.
import { rm } from "node:fs/promises";
import http from "node:http";
import { join } from "node:path";
import S3rver from "s3rver";

const [directory, ...buckets] = process.argv.slice(2);
const s3rver = new S3rver({
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name, configs: [] })),
});
await s3rver.configureBuckets();
const handle = s3rver.callback();
const server = http.createServer((req, res) => {
  process.stdout.write(
    `${JSON.stringify({ request: { method: req.method, url: req.url, headers: req.headers } })}\n`,
  );
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const uploadId = url.searchParams.get("uploadId");
  if (req.method === "DELETE" && uploadId !== null) {
    const bucket = url.pathname.split("/")[1] ?? "";
    req.resume();
    rm(join(directory, bucket, "._S3rver_uploads", uploadId.replace(/[^0-9a-f]/gi, "")), {
      recursive: true,
      force: true,
    }).then(
      () => res.writeHead(204).end(),
      () => res.writeHead(500).end(),
    );
    return;
  }
  handle(req, res);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

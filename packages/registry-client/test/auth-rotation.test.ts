import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromServiceAccountTokenFile, memoize } from "@model-registry/auth";
import { afterEach, expect, test } from "vitest";
import { createRegistryClient, unwrap } from "../src/index.js";
import { EXPERIMENT, experiment } from "./helpers.js";
import { sendJson, startServer, type TestServer } from "./servers.js";

let server: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("a rotated service-account token is picked up after one 401 (real file, real server)", async () => {
  dir = await mkdtemp(join(tmpdir(), "mr-client-token-"));
  const tokenFile = join(dir, "token");
  await writeFile(tokenFile, "token-1\n");
  let valid = "token-1";
  server = await startServer((req, res) => {
    if (req.headers.authorization === `Bearer ${valid}`) sendJson(res, experiment);
    else sendJson(res, { code: "Unauthorized", message: "invalid token" }, 401);
  });
  const client = createRegistryClient({
    baseUrl: server.url,
    allowInsecureAuth: true,
    env: {},
    // A long reload interval: only the 401-triggered forceRefresh can notice the rotation.
    auth: memoize(fromServiceAccountTokenFile({ path: tokenFile, reloadIntervalMs: 3_600_000 })),
  });
  const get = () => unwrap(client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } }));

  expect(await get()).toEqual(experiment);
  await writeFile(tokenFile, "token-2\n");
  valid = "token-2";
  expect(await get()).toEqual(experiment);
  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    "Bearer token-1",
    "Bearer token-1",
    "Bearer token-2",
  ]);
  expect(await get()).toEqual(experiment);
  expect(server.requests).toHaveLength(4);
});

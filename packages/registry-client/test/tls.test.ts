import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRegistryClient, type RegistryClientOptions, unwrap } from "../src/index.js";
import { EXPERIMENT, experiment } from "./helpers.js";
import { FIXTURES, sendJson, startServer, type TestServer } from "./servers.js";

const CA_FILE = `${FIXTURES}ca.crt`;
let server: TestServer;

beforeAll(async () => {
  server = await startServer((_req, res) => sendJson(res, experiment), { tls: true });
});
afterAll(async () => {
  await server.close();
});

function fetchOne(options: Partial<RegistryClientOptions>) {
  const client = createRegistryClient({
    baseUrl: server.url,
    env: {},
    retry: { maxAttempts: 3, baseDelayMs: 1 },
    ...options,
    tls: { inClusterCaPath: false, ...options.tls },
  });
  return unwrap(client.GET(EXPERIMENT, { params: { path: { experimentId: "1" } } }));
}

describe("TLS with a private CA (real https server)", () => {
  test("an unknown CA fails with TLS_ERROR and is not retried", async () => {
    const before = server.requests.length;
    const error = await fetchOne({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RegistryNetworkError", code: "TLS_ERROR", attempts: 1 });
    expect(server.requests.length).toBe(before);
  });

  test("tls.caFile", async () => {
    expect(await fetchOne({ tls: { caFile: CA_FILE } })).toEqual(experiment);
  });

  test("tls.ca as PEM text", async () => {
    expect(await fetchOne({ tls: { ca: readFileSync(CA_FILE, "utf8") } })).toEqual(experiment);
  });

  test("env MODELREGISTRY_CA_CERT_PATH", async () => {
    expect(await fetchOne({ env: { MODELREGISTRY_CA_CERT_PATH: CA_FILE } })).toEqual(experiment);
  });

  test("the in-cluster CA file when present", async () => {
    expect(await fetchOne({ tls: { inClusterCaPath: CA_FILE } })).toEqual(experiment);
  });

  test("modelregistry:// with MODEL_REGISTRY_SECURE=true goes over TLS", async () => {
    const baseUrl = server.url.replace("https://", "modelregistry://");
    const env = { MODEL_REGISTRY_SECURE: "true", MODELREGISTRY_CA_CERT_PATH: CA_FILE };
    expect(await fetchOne({ baseUrl, env })).toEqual(experiment);
  });

  test("the token is sent over https", async () => {
    await fetchOne({ tls: { caFile: CA_FILE }, auth: "s3cr3t" });
    expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer s3cr3t");
  });

  test("rejectUnauthorized: false accepts the certificate", async () => {
    expect(await fetchOne({ tls: { rejectUnauthorized: false } })).toEqual(experiment);
  });

  test("a missing caFile is reported clearly", async () => {
    const error = await fetchOne({ tls: { caFile: "/nonexistent/ca.crt" } }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "INVALID_OPTIONS" });
    expect((error as Error).message).toContain("/nonexistent/ca.crt");
  });
});

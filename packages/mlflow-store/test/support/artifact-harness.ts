/**
 * Artifact tests run against real servers on loopback: the fake registry over a port, and for
 * `s3://` roots s3rver (every registry response is checked against the OpenAPI spec).
 * `useArtifactHarness(kind)` gives a client whose experiments store their
 * artifacts under a fresh file folder or S3 prefix.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRegistryClient, type RegistryClient } from "@model-registry/registry-client";
import { startFakeRegistryServer } from "@model-registry/testing/node";
import { createSpecValidator } from "@model-registry/testing/spec-validator";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import {
  createMlflowClient,
  createMlflowStore,
  type MlflowClient,
  type MlflowStore,
} from "../../src/index.js";
import { type S3TestServer, startS3Server } from "./s3-server.js";

export type ArtifactRootKind = "file" | "s3";

export interface ArtifactHarness {
  readonly kind: ArtifactRootKind;
  readonly client: MlflowClient;
  readonly store: MlflowStore;
  readonly registry: RegistryClient;
  /** Root of the experiments' artifact locations. */
  readonly artifactRoot: string;
  /** The environment the client reads (S3 endpoint and credentials for `s3`). */
  readonly env: Record<string, string>;
  /** A scratch folder for local files, removed after the suite. */
  readonly work: string;
  /** The local folder behind `artifactRoot` (file roots only). */
  readonly localRoot: string | undefined;
  readonly s3: S3TestServer | undefined;
  /** Runs `action` and returns the registry requests it made ("METHOD /route"). */
  countRequests(action: () => Promise<unknown>): Promise<string[]>;
}

let counter = 0;
let specValidator: ReturnType<typeof createSpecValidator> | undefined;

export function useArtifactHarness(kind: ArtifactRootKind): ArtifactHarness {
  let state: ArtifactHarness | undefined;
  const closers: (() => Promise<void>)[] = [];
  const specErrors: string[] = [];
  afterEach(() => {
    expect(specErrors, "registry responses must match the OpenAPI spec").toEqual([]);
  });
  beforeAll(async () => {
    specValidator ??= createSpecValidator();
    const validator = specValidator;
    const work = await mkdtemp(join(tmpdir(), "mlflow-artifacts-test-"));
    closers.push(() => rm(work, { recursive: true, force: true }));
    const registryServer = await startFakeRegistryServer({
      host: "127.0.0.1",
      port: 0,
      onResponse(response) {
        const result = validator.validateResponse(response);
        if (!result.valid) {
          specErrors.push(
            `${response.method} ${response.route} ${response.status}: ${result.errors.join("; ")}`,
          );
        }
      },
    });
    closers.push(() => registryServer.close());
    let s3: S3TestServer | undefined;
    let env: Record<string, string> = {};
    let artifactRoot: string;
    let localRoot: string | undefined;
    if (kind === "s3") {
      s3 = await startS3Server(["artifacts"]);
      closers.push(() => s3!.close());
      env = s3.env;
      artifactRoot = `s3://artifacts/mlflow-${++counter}`;
    } else {
      localRoot = join(work, "mlruns");
      artifactRoot = pathToFileURL(localRoot).href;
    }
    const registry = createRegistryClient({ baseUrl: registryServer.url, retry: false });
    const countRequests = async (action: () => Promise<unknown>) => {
      registryServer.registry.clearRequests();
      await action();
      return registryServer.registry.requests.map(
        (r) => `${r.method} ${(r.route ?? r.url).replace("/api/model_registry/v1alpha3", "")}`,
      );
    };
    const store = createMlflowStore({ client: registry, artifactLocation: artifactRoot });
    const client = createMlflowClient({ store, env, userId: "tester" });
    state = {
      kind,
      client,
      store,
      registry,
      artifactRoot,
      env,
      work,
      localRoot,
      s3,
      countRequests,
    };
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });
  const get = (): ArtifactHarness => {
    if (!state) throw new Error("the harness is only available inside tests");
    return state;
  };
  return {
    kind,
    get client() {
      return get().client;
    },
    get store() {
      return get().store;
    },
    get registry() {
      return get().registry;
    },
    get artifactRoot() {
      return get().artifactRoot;
    },
    get env() {
      return get().env;
    },
    get work() {
      return get().work;
    },
    get localRoot() {
      return get().localRoot;
    },
    get s3() {
      return get().s3;
    },
    countRequests: (action) => get().countRequests(action),
  };
}

import { describe, expect, it } from "vitest";
import { isMlflowError } from "../../src/mlflow-error.js";
import {
  createTrackingStoreRegistry,
  getTrackingStore,
  registerTrackingStore,
  type TrackingStoreFactoryOptions,
} from "../../src/tracking-store-registry.js";
import type { MlflowStore } from "../../src/types.js";

function fakeFactory() {
  const created: TrackingStoreFactoryOptions[] = [];
  const factory = (options: TrackingStoreFactoryOptions) => {
    created.push(options);
    return { label: options.storeUri } as unknown as MlflowStore;
  };
  return { created, factory };
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("tracking-store registry", () => {
  it("has the three Kubeflow Model Registry schemes built in", () => {
    const registry = createTrackingStoreRegistry();
    expect(registry.schemes()).toEqual([
      "modelregistry",
      "modelregistry+http",
      "modelregistry+https",
    ]);
    const store = registry.getTrackingStore("modelregistry+http://127.0.0.1:9");
    expect(typeof store.createExperiment).toBe("function");
    expect(typeof store.logBatchAsync).toBe("function");
  });

  it("passes the URI and artifact URI to the factory registered for the scheme, case-insensitively", () => {
    const registry = createTrackingStoreRegistry();
    const { created, factory } = fakeFactory();
    registry.registerTrackingStore("custom", factory);
    registry.getTrackingStore("CUSTOM://host/path", { artifactUri: "s3://b/x" });
    expect(created).toEqual([{ storeUri: "CUSTOM://host/path", artifactUri: "s3://b/x" }]);
  });

  it("caches one store per (URI, artifact URI)", () => {
    const registry = createTrackingStoreRegistry();
    const { created, factory } = fakeFactory();
    registry.registerTrackingStore("custom", factory);
    const a = registry.getTrackingStore("custom://a");
    expect(registry.getTrackingStore("custom://a")).toBe(a);
    expect(registry.getTrackingStore("custom://a", { artifactUri: "s3://x" })).not.toBe(a);
    expect(registry.getTrackingStore("custom://b")).not.toBe(a);
    expect(created.length).toBe(3);
  });

  it("lets a registration replace a built-in scheme, dropping stores cached for it", () => {
    const registry = createTrackingStoreRegistry();
    const before = registry.getTrackingStore("modelregistry://h:1");
    const { factory } = fakeFactory();
    registry.registerTrackingStore("modelregistry://", factory);
    const after = registry.getTrackingStore("modelregistry://h:1");
    expect(after).not.toBe(before);
    expect((after as unknown as { label: string }).label).toBe("modelregistry://h:1");
  });

  it("reads MLFLOW_TRACKING_URI when no URI is given", () => {
    const registry = createTrackingStoreRegistry();
    const { created, factory } = fakeFactory();
    registry.registerTrackingStore("custom", factory);
    registry.getTrackingStore(undefined, { env: { MLFLOW_TRACKING_URI: "custom://from-env" } });
    expect(created[0]?.storeUri).toBe("custom://from-env");
  });

  it("rejects unknown schemes with INVALID_PARAMETER_VALUE, listing the registered ones and hiding credentials", () => {
    const registry = createTrackingStoreRegistry();
    const error = thrown(() => registry.getTrackingStore("sqlite://alice:s3cret@db/mlflow.db"));
    expect(isMlflowError(error) && error.errorCode).toBe("INVALID_PARAMETER_VALUE");
    const message = (error as Error).message;
    expect(message).toContain("Unexpected URI scheme 'sqlite'");
    expect(message).toContain("modelregistry, modelregistry+http, modelregistry+https");
    expect(message).not.toContain("s3cret");
    expect(thrown(() => registry.getTrackingStore("no-scheme-here"))).toMatchObject({
      errorCode: "INVALID_PARAMETER_VALUE",
    });
    expect(
      thrown(() => registry.registerTrackingStore("not a scheme", fakeFactory().factory)),
    ).toMatchObject({
      errorCode: "INVALID_PARAMETER_VALUE",
    });
  });

  it("module functions share one registry", () => {
    const { created, factory } = fakeFactory();
    registerTrackingStore("shared-test", factory);
    const store = getTrackingStore("shared-test://x");
    expect(getTrackingStore("shared-test://x")).toBe(store);
    expect(created.length).toBe(1);
  });
});

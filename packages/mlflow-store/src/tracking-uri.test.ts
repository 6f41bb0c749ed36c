import { describe, expect, it } from "vitest";
import { resolveTrackingUri } from "./tracking-uri.js";

describe("resolveTrackingUri", () => {
  const cases: [
    string,
    string | undefined,
    Record<string, string>,
    { baseUrl: string; secure: boolean },
  ][] = [
    [
      "modelregistry:// with host and port, not secure by default",
      "modelregistry://reg:9000",
      {},
      { baseUrl: "http://reg:9000", secure: false },
    ],
    [
      "modelregistry:// secure by env",
      "modelregistry://reg:9000",
      { MODEL_REGISTRY_SECURE: "true" },
      { baseUrl: "https://reg:9000", secure: true },
    ],
    [
      "modelregistry+https",
      "modelregistry+https://reg:443",
      {},
      { baseUrl: "https://reg:443", secure: true },
    ],
    [
      "modelregistry+http ignores MODEL_REGISTRY_SECURE",
      "modelregistry+http://reg:80",
      { MODEL_REGISTRY_SECURE: "true" },
      { baseUrl: "http://reg:80", secure: false },
    ],
    [
      "missing host and port from env",
      "modelregistry://",
      { MODEL_REGISTRY_HOST: "h", MODEL_REGISTRY_PORT: "1234" },
      { baseUrl: "http://h:1234", secure: false },
    ],
    [
      "defaults localhost:8080",
      "modelregistry+https://",
      {},
      { baseUrl: "https://localhost:8080", secure: true },
    ],
    ["missing port only", "modelregistry://reg", {}, { baseUrl: "http://reg:8080", secure: false }],
    [
      "MLFLOW_TRACKING_URI when no URI is given",
      undefined,
      { MLFLOW_TRACKING_URI: "modelregistry+https://t:1" },
      { baseUrl: "https://t:1", secure: true },
    ],
    ["no URI at all", undefined, {}, { baseUrl: "http://localhost:8080", secure: false }],
    [
      "plain https keeps its default port and path",
      "https://gw.example/registry/",
      {},
      { baseUrl: "https://gw.example/registry", secure: true },
    ],
    [
      "plain http",
      "http://127.0.0.1:5000",
      {},
      { baseUrl: "http://127.0.0.1:5000", secure: false },
    ],
  ];
  it.each(cases)("%s", (_name, uri, env, expected) => {
    expect(resolveTrackingUri(uri, env)).toEqual(expected);
  });

  it("rejects other schemes with INVALID_PARAMETER_VALUE", () => {
    expect(() => resolveTrackingUri("sqlite:///mlflow.db", {})).toThrow(
      expect.objectContaining({ errorCode: "INVALID_PARAMETER_VALUE" }),
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  formatS3Uri,
  joinS3Location,
  parseS3Uri,
  type S3StorageError,
  s3UriFrom,
} from "../../src/s3/index.js";

describe("parseS3Uri", () => {
  it("reads bucket and key", () => {
    expect(parseS3Uri("s3://ml/models/churn/model.onnx")).toEqual({
      bucket: "ml",
      key: "models/churn/model.onnx",
    });
    expect(parseS3Uri("s3://ml")).toEqual({ bucket: "ml", key: "" });
    expect(parseS3Uri("s3://ml/")).toEqual({ bucket: "ml", key: "" });
  });

  it("reads the endpoint and region the Python client puts in the query (encoded or not)", () => {
    expect(parseS3Uri("s3://ml/a/b?endpoint=http://minio:9000&defaultRegion=eu-west-1")).toEqual({
      bucket: "ml",
      key: "a/b",
      endpoint: "http://minio:9000",
      region: "eu-west-1",
    });
    expect(parseS3Uri("s3://ml/a?endpoint=https%3A%2F%2Fs3.example%3A443")).toEqual({
      bucket: "ml",
      key: "a",
      endpoint: "https://s3.example:443",
    });
  });

  it("keeps keys literal, as MLflow does (no percent-decoding; query and fragment cut)", () => {
    expect(parseS3Uri("s3://ml/a%20b/c#frag").key).toBe("a%20b/c");
    expect(parseS3Uri("s3://ml/a b/c").key).toBe("a b/c");
  });

  it.each(["", "s3://", "s3:///key", "http://ml/key", "ml/key", "s3://user@ml/key"])(
    "rejects %j with INVALID_S3_URI",
    (uri) => {
      expect(() => parseS3Uri(uri)).toThrow(
        expect.objectContaining({ code: "INVALID_S3_URI", name: "S3StorageError" }),
      );
    },
  );
});

describe("formatS3Uri and joinS3Location", () => {
  it("round-trips with parseS3Uri", () => {
    const uri = "s3://ml/a/b.bin?endpoint=http://minio:9000&defaultRegion=us-east-1";
    expect(formatS3Uri(parseS3Uri(uri))).toBe(uri);
    expect(formatS3Uri({ bucket: "ml", key: "x" })).toBe("s3://ml/x");
  });

  it("joins keys with exactly one slash and keeps the connection parameters", () => {
    const root = parseS3Uri("s3://ml/runs/1/?endpoint=http://minio:9000");
    expect(joinS3Location(root, "/model/MLmodel")).toEqual({
      bucket: "ml",
      key: "runs/1/model/MLmodel",
      endpoint: "http://minio:9000",
    });
    expect(joinS3Location({ bucket: "ml", key: "" }, "a").key).toBe("a");
    expect(joinS3Location({ bucket: "ml", key: "p" }, "").key).toBe("p");
  });
});

describe("s3UriFrom (the Python client's s3_uri_from rules)", () => {
  const dataConnection = {
    AWS_S3_BUCKET: "ml",
    AWS_S3_ENDPOINT: "http://minio:9000",
    AWS_DEFAULT_REGION: "us-east-1",
  };
  const fail = (fn: () => unknown, message: string) => {
    let error: S3StorageError | undefined;
    try {
      fn();
    } catch (e) {
      error = e as S3StorageError;
    }
    expect(error?.code).toBe("MISSING_METADATA");
    expect(error?.message).toContain(message);
  };

  it("uses the pre-configured data connection when only the path is given", () => {
    expect(s3UriFrom("models/churn/1", { env: dataConnection })).toBe(
      "s3://ml/models/churn/1?endpoint=http://minio:9000&defaultRegion=us-east-1",
    );
    expect(s3UriFrom("p", { bucket: "ml", env: dataConnection })).toBe(
      "s3://ml/p?endpoint=http://minio:9000&defaultRegion=us-east-1",
    );
  });

  it("takes explicit endpoint and region over the environment", () => {
    expect(
      s3UriFrom("p", {
        bucket: "other",
        endpoint: "https://s3.example",
        region: "eu-west-1",
        env: dataConnection,
      }),
    ).toBe("s3://other/p?endpoint=https://s3.example&defaultRegion=eu-west-1");
    expect(
      s3UriFrom("p", { bucket: "other", endpoint: "https://s3.example", env: dataConnection }),
    ).toBe("s3://other/p?endpoint=https://s3.example&defaultRegion=us-east-1");
  });

  it("inserts the path as given, as the Python helper does", () => {
    expect(s3UriFrom("/lead/slash", { env: dataConnection })).toBe(
      "s3://ml//lead/slash?endpoint=http://minio:9000&defaultRegion=us-east-1",
    );
  });

  it("leaves defaultRegion out when no region is known, as the Python helper does", () => {
    expect(s3UriFrom("p", { bucket: "b", endpoint: "http://e", env: {} })).toBe(
      "s3://b/p?endpoint=http://e",
    );
    expect(s3UriFrom("p", { env: { AWS_S3_BUCKET: "ml", AWS_S3_ENDPOINT: "http://e" } })).toBe(
      "s3://ml/p?endpoint=http://e",
    );
  });

  it("fails like the Python helper when the bucket or the endpoint is missing", () => {
    fail(() => s3UriFrom("p", { env: {} }), "Custom environment requires all arguments");
    fail(
      () => s3UriFrom("p", { bucket: "other", env: dataConnection }),
      "endpoint must be provided for non-default bucket",
    );
    fail(
      () => s3UriFrom("p", { bucket: "other", region: "eu-west-1", env: {} }),
      "endpoint must be provided for non-default bucket",
    );
    fail(
      () => s3UriFrom("p", { env: { AWS_S3_BUCKET: "ml", AWS_DEFAULT_REGION: "r" } }),
      "Missing environment variable: the endpoint is required",
    );
  });
});

import { S3StorageError } from "@model-registry/registry-client/s3";
import { describe, expect, it } from "vitest";
import { mlflowErrorFromS3 } from "../../src/artifacts/s3-artifact-repository.js";
import { isMlflowError } from "../../src/index.js";

describe("S3 storage errors as MLflow errors", () => {
  it.each([
    [{ code: "NOT_FOUND", status: 404 }, "RESOURCE_DOES_NOT_EXIST"],
    [{ code: "MISSING_PEER_DEPENDENCY" }, "INVALID_STATE"],
    [{ code: "INVALID_S3_URI" }, "INVALID_PARAMETER_VALUE"],
    [{ code: "S3_ERROR", status: 403 }, "PERMISSION_DENIED"],
    [{ code: "S3_ERROR", status: 503 }, "TEMPORARILY_UNAVAILABLE"],
    [{ code: "INTEGRITY_ERROR" }, "DATA_LOSS"],
    [{ code: "S3_ERROR" }, "INTERNAL_ERROR"],
  ])("%j → %s, same message, S3 error as cause", (options, errorCode) => {
    const s3 = new S3StorageError("npm install @aws-sdk/client-s3 @aws-sdk/lib-storage", options);
    const mapped = mlflowErrorFromS3(s3);
    expect(isMlflowError(mapped) && mapped.errorCode).toBe(errorCode);
    expect((mapped as Error).message).toBe("npm install @aws-sdk/client-s3 @aws-sdk/lib-storage");
    expect((mapped as Error).cause).toBe(s3);
  });

  it("a cancellation stays the signal's reason", () => {
    const controller = new AbortController();
    const reason = new Error("cancelled");
    controller.abort(reason);
    expect(
      mlflowErrorFromS3(new S3StorageError("x", { code: "S3_ERROR" }), controller.signal),
    ).toBe(reason);
  });
});

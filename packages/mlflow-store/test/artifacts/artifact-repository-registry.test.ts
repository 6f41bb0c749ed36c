import { describe, expect, it } from "vitest";
import {
  type ArtifactRepository,
  appendToUriPath,
  createArtifactRepositoryRegistry,
  isMlflowError,
  validateArtifactPath,
} from "../../src/index.js";

describe("validateArtifactPath", () => {
  it("normalises safe relative paths", () => {
    expect(validateArtifactPath("a/./b//c/")).toBe("a/b/c");
    expect(validateArtifactPath("", { allowRoot: true })).toBe("");
    expect(validateArtifactPath("..a/b..")).toBe("..a/b..");
  });

  it.each(["", "..", "a/../b", "/abs", "C:/x", "c:x", "a\\b", "s3://b/k", "a\0b"])(
    "rejects %j",
    (path) => {
      let error: unknown;
      try {
        validateArtifactPath(path);
      } catch (e) {
        error = e;
      }
      expect(isMlflowError(error) && error.errorCode).toBe("INVALID_PARAMETER_VALUE");
    },
  );
});

describe("appendToUriPath", () => {
  it("appends before the query, with one slash", () => {
    expect(appendToUriPath("s3://b/p?endpoint=http://m:9000&defaultRegion=r", "x/y")).toBe(
      "s3://b/p/x/y?endpoint=http://m:9000&defaultRegion=r",
    );
    expect(appendToUriPath("file:///tmp/mlruns/", "/a")).toBe("file:///tmp/mlruns/a");
    expect(appendToUriPath("/plain/path", "")).toBe("/plain/path");
  });
});

describe("artifact repository registry", () => {
  it("chooses repositories by scheme and accepts new ones", async () => {
    const registry = createArtifactRepositoryRegistry();
    expect(registry.schemes()).toEqual(["", "file", "s3"]);
    const memory: ArtifactRepository = {
      rootUri: "mem://bucket",
      uploadFile: async () => undefined,
      uploadBytes: async () => undefined,
      list: async () => [{ path: "x", isDir: false, fileSize: 1 }],
      downloadFile: async () => undefined,
    };
    registry.registerArtifactRepository("mem", (rootUri) => ({ ...memory, rootUri }));
    const repo = await registry.getArtifactRepository("MEM://bucket/run");
    expect(repo.rootUri).toBe("MEM://bucket/run");
    expect((await registry.getArtifactRepository("/tmp/plain")).rootUri).toBe("/tmp/plain");
  });

  it("names the registered schemes for an unknown one", async () => {
    const error = await createArtifactRepositoryRegistry()
      .getArtifactRepository("gs://bucket/x")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: "INVALID_PARAMETER_VALUE" });
    expect((error as Error).message).toContain("(plain path), file, s3");
  });
});

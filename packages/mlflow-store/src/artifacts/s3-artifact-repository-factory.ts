import type { S3Storage, S3StorageOptions } from "@model-registry/registry-client/s3";
import type { ArtifactRepositoryFactory } from "./artifact-repository.js";

/**
 * An artifact-repository factory for `s3://` roots with explicit S3 settings (endpoint,
 * credentials, part size, TLS…) instead of only the environment; settings it leaves out are still
 * read from the environment. The S3 module and the AWS SDK are loaded on first use.
 * @example
 * registerArtifactRepository("s3", s3ArtifactRepositoryFactory({ endpoint: "http://minio:9000" }));
 * @public
 */
export function s3ArtifactRepositoryFactory(
  options: S3StorageOptions = {},
): ArtifactRepositoryFactory {
  let storage: Promise<S3Storage> | undefined;
  return async (rootUri, { env }) => {
    const { createS3ArtifactRepository } = await import("./s3-artifact-repository.js");
    storage ??= import("@model-registry/registry-client/s3").then(({ createS3Storage }) =>
      createS3Storage({ env, ...options }),
    );
    return createS3ArtifactRepository(rootUri, { env, storage: await storage });
  };
}

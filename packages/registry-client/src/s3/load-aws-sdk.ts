import { S3StorageError } from "./s3-storage-error.js";

/** The AWS SDK modules the S3 storage uses. @internal */
export interface AwsSdk {
  readonly s3: typeof import("@aws-sdk/client-s3");
  readonly storage: typeof import("@aws-sdk/lib-storage");
}

/** The optional peer dependencies, as a user installs them. @internal */
export const AWS_SDK_PACKAGES = ["@aws-sdk/client-s3", "@aws-sdk/lib-storage"] as const;

let loaded: Promise<AwsSdk> | undefined;

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/**
 * Loads `@aws-sdk/client-s3` and `@aws-sdk/lib-storage` on first use (they are optional peer
 * dependencies: nothing loads them until an `s3://` URI is used). When either is missing, rejects
 * with {@link S3StorageError} `MISSING_PEER_DEPENDENCY` naming the packages to install.
 * @internal
 */
export function loadAwsSdk(): Promise<AwsSdk> {
  loaded ??= Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage")]).then(
    ([s3, storage]) => ({ s3, storage }),
    (error: unknown) => {
      loaded = undefined;
      if (isModuleNotFound(error)) {
        throw new S3StorageError(
          `s3:// URIs need the AWS SDK, an optional peer dependency that is not installed: run \`npm install ${AWS_SDK_PACKAGES.join(" ")}\` (or the pnpm/yarn equivalent) in your project`,
          { code: "MISSING_PEER_DEPENDENCY", cause: error },
        );
      }
      throw error;
    },
  );
  return loaded;
}

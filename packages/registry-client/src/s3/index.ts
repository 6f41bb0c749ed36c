/**
 * `@model-registry/registry-client/s3`: S3 URIs, streaming S3 transfers for model artifacts and
 * `uploadArtifactAndRegisterModel` (Node.js only; the main entry does not import this module). The
 * AWS SDK (`@aws-sdk/client-s3`, `@aws-sdk/lib-storage`) is an optional peer
 * dependency, loaded on the first transfer.
 */
export { createS3Storage } from "./create-s3-storage.js";
export type {
  ResolvedS3Config,
  S3ConnectionOptions,
  S3Credentials,
} from "./resolve-s3-config.js";
export { resolveS3Config } from "./resolve-s3-config.js";
export type {
  S3DownloadResult,
  S3ListEntry,
  S3ListOptions,
  S3ObjectInfo,
  S3Storage,
  S3StorageOptions,
  S3TransferOptions,
  S3TransferProgress,
  S3UploadDirectoryOptions,
  S3UploadOptions,
  S3UploadResult,
} from "./s3-storage.js";
export {
  isS3StorageError,
  S3StorageError,
  type S3StorageErrorOptions,
} from "./s3-storage-error.js";
export { formatS3Uri, joinS3Location, parseS3Uri, type S3Location } from "./s3-uri.js";
export { type S3UriFromOptions, s3UriFrom } from "./s3-uri-from.js";
export {
  type S3UploadParams,
  type UploadArtifactAndRegisterModelOptions,
  type UploadArtifactAndRegisterModelResult,
  uploadArtifactAndRegisterModel,
} from "./upload-artifact-and-register-model.js";

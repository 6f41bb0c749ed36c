import { needsNode } from "../node-only.js";
import type * as NodeS3Factory from "./s3-artifact-repository-factory.js";

/** `s3ArtifactRepositoryFactory` in the universal build: its repositories need Node.js. */
export const s3ArtifactRepositoryFactory: typeof NodeS3Factory.s3ArtifactRepositoryFactory =
  () => () =>
    Promise.reject(needsNode("The S3 artifact repository"));

import { needsNode } from "../node-only.js";
import type * as NodeS3Repository from "./s3-artifact-repository.js";

/** The S3 artifact repository streams local files (registry-client's Node-only `/s3`). */
export const createS3ArtifactRepository: typeof NodeS3Repository.createS3ArtifactRepository =
  () => {
    throw needsNode("The S3 artifact repository");
  };

export const mlflowErrorFromS3: typeof NodeS3Repository.mlflowErrorFromS3 = (error) => error;

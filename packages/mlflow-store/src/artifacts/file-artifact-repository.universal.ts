import { needsNode } from "../node-only.js";
import type * as NodeFileRepository from "./file-artifact-repository.js";

/** Local (`file://` and plain path) artifact repositories need a file system: Node.js only. */
export const createFileArtifactRepository: typeof NodeFileRepository.createFileArtifactRepository =
  () => {
    throw needsNode("The local artifact repository (file:// and plain paths)");
  };

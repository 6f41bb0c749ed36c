import { MlflowError } from "../mlflow-error.js";
import { defaultEnv } from "../runtime.js";
import type { ArtifactRepository, ArtifactRepositoryFactory } from "./artifact-repository.js";

/**
 * Artifact repositories by URI scheme, as MLflow's artifact-repository registry: `file://` URIs
 * and plain local paths (scheme `""`) and `s3://` are built in; more through
 * {@link ArtifactRepositoryRegistry.registerArtifactRepository}.
 * @public
 */
export interface ArtifactRepositoryRegistry {
  /** Registers (or replaces) the factory for `scheme` (`""` stands for plain local paths). */
  registerArtifactRepository(scheme: string, factory: ArtifactRepositoryFactory): void;
  /** The repository for an artifact root URI. Unknown schemes: INVALID_PARAMETER_VALUE. */
  getArtifactRepository(
    rootUri: string,
    options?: { env?: Record<string, string | undefined> },
  ): Promise<ArtifactRepository>;
  /** Registered schemes, sorted. */
  schemes(): string[];
}

/** The scheme of an artifact URI, lowercased; `""` for a plain path. @internal */
export function artifactUriScheme(uri: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(uri);
  // A one-letter "scheme" is a Windows drive letter, i.e. a plain path.
  return match && match[1]!.length > 1 ? match[1]!.toLowerCase() : "";
}

// Built-in repositories are loaded on first use: the local one needs node:fs and the S3 one the
// registry client's S3 module (and, through it, the optional AWS SDK).
const fileRepository: ArtifactRepositoryFactory = async (rootUri) =>
  (await import("./file-artifact-repository.js")).createFileArtifactRepository(rootUri);
const s3Repository: ArtifactRepositoryFactory = async (rootUri, { env }) =>
  (await import("./s3-artifact-repository.js")).createS3ArtifactRepository(rootUri, { env });

/**
 * Creates an isolated registry with `file`, `""` (plain paths) and `s3` built in. The module
 * functions {@link registerArtifactRepository} and {@link getArtifactRepository} use one shared
 * instance, which the client and fluent API use unless given another.
 * @public
 */
export function createArtifactRepositoryRegistry(): ArtifactRepositoryRegistry {
  const factories = new Map<string, ArtifactRepositoryFactory>([
    ["", fileRepository],
    ["file", fileRepository],
    ["s3", s3Repository],
  ]);
  return {
    registerArtifactRepository(scheme, factory) {
      const key = scheme.replace(/:\/?\/?$/, "").toLowerCase();
      if (key !== "" && !/^[a-z][a-z0-9+.-]*$/.test(key)) {
        throw MlflowError.invalidParameterValue(`Invalid URI scheme '${scheme}'.`);
      }
      factories.set(key, factory);
    },
    async getArtifactRepository(rootUri, options = {}) {
      if (typeof rootUri !== "string" || rootUri.trim() === "") {
        throw MlflowError.invalidParameterValue("The artifact location is empty.");
      }
      const scheme = artifactUriScheme(rootUri);
      const factory = factories.get(scheme);
      if (factory === undefined) {
        throw MlflowError.invalidParameterValue(
          `No artifact repository for the URI scheme '${scheme}' of '${rootUri.replace(/\/\/[^/@]*@/, "//***@")}'. ` +
            `Registered schemes: ${[...factories.keys()]
              .map((s) => (s === "" ? "(plain path)" : s))
              .sort()
              .join(", ")}. ` +
            "Register more with registerArtifactRepository(scheme, factory).",
        );
      }
      return factory(rootUri, { env: options.env ?? defaultEnv() });
    },
    schemes: () => [...factories.keys()].sort(),
  };
}

const defaultRegistry = createArtifactRepositoryRegistry();

/**
 * Registers an artifact-repository factory for a URI scheme in the shared registry (replacing a
 * built-in one of the same scheme).
 * @public
 */
export function registerArtifactRepository(
  scheme: string,
  factory: ArtifactRepositoryFactory,
): void {
  defaultRegistry.registerArtifactRepository(scheme, factory);
}

/** The repository for an artifact root URI, from the shared registry. @public */
export function getArtifactRepository(
  rootUri: string,
  options?: { env?: Record<string, string | undefined> },
): Promise<ArtifactRepository> {
  return defaultRegistry.getArtifactRepository(rootUri, options);
}

/** The shared registry behind the module functions. @internal */
export function defaultArtifactRepositoryRegistry(): ArtifactRepositoryRegistry {
  return defaultRegistry;
}

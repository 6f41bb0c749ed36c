import { access, readFile } from "node:fs/promises";
import { rootCertificates } from "node:tls";
import { CA_CERT_PATH_ENV, IN_CLUSTER_CA_PATH } from "./constants.js";
import { RegistryError } from "./errors.js";

/**
 * TLS settings for https registries.
 * @public
 */
export interface TlsOptions {
  /** Path of a PEM CA bundle to trust in addition to the system CAs. */
  readonly caFile?: string | undefined;
  /** PEM CA bundle to trust in addition to the system CAs (wins over `caFile`). */
  readonly ca?: string | Uint8Array | undefined;
  /** Set to false to accept any certificate. Only for development. @default true */
  readonly rejectUnauthorized?: boolean | undefined;
  /**
   * Where the in-cluster CA is looked for when neither `ca`, `caFile` nor env
   * `MODELREGISTRY_CA_CERT_PATH` is set; `false` disables the lookup.
   * @default "/run/secrets/kubernetes.io/serviceaccount/ca.crt"
   */
  readonly inClusterCaPath?: string | false | undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function readCa(path: string, source: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new RegistryError(`cannot read the CA bundle ${path} (from ${source})`, {
      code: "INVALID_OPTIONS",
      cause: error,
    });
  }
}

/** The extra CA to trust, by precedence: `ca`, `caFile`, env, in-cluster file; undefined for none. */
async function findCa(
  tls: TlsOptions,
  env: Record<string, string | undefined>,
): Promise<string | undefined> {
  if (tls.ca !== undefined)
    return typeof tls.ca === "string" ? tls.ca : new TextDecoder().decode(tls.ca);
  if (tls.caFile !== undefined) return readCa(tls.caFile, "tls.caFile");
  const fromEnv = env[CA_CERT_PATH_ENV];
  if (fromEnv) return readCa(fromEnv, `env ${CA_CERT_PATH_ENV}`);
  const inCluster = tls.inClusterCaPath ?? IN_CLUSTER_CA_PATH;
  if (inCluster !== false && (await exists(inCluster)))
    return readCa(inCluster, "the in-cluster CA");
  return undefined;
}

/**
 * Returns a loader of the undici dispatcher that carries the TLS settings, created on first use
 * and shared by every request; it resolves to undefined when the defaults apply (no dispatcher).
 */
export function createDispatcherLoader(
  secure: boolean,
  tls: TlsOptions,
  env: Record<string, string | undefined>,
): () => Promise<unknown> {
  let pending: Promise<unknown> | undefined;
  const load = async (): Promise<unknown> => {
    if (!secure) return undefined;
    const ca = await findCa(tls, env);
    if (ca === undefined && tls.rejectUnauthorized !== false) return undefined;
    const { Agent } = await import("undici");
    return new Agent({
      connect: {
        ...(ca === undefined ? {} : { ca: [...rootCertificates, ca] }),
        rejectUnauthorized: tls.rejectUnauthorized !== false,
      },
    });
  };
  return () => {
    pending ??= load();
    return pending;
  };
}

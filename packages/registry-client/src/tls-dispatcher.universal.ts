import { CA_CERT_PATH_ENV } from "./constants.js";
import { RegistryError } from "./errors.js";
import type * as NodeTls from "./tls-dispatcher.js";

/**
 * The universal build's TLS settings: the runtime (a browser, a worker) verifies certificates
 * against its own trust store and takes no CA from the client, so the settings that need Node.js
 * are refused when the client is created instead of being silently ignored. `inClusterCaPath`
 * has nothing to look up here (there is no file system) and is ignored.
 */
export const createDispatcherLoader: typeof NodeTls.createDispatcherLoader = (secure, tls, env) => {
  if (secure) {
    const given = [
      tls.ca !== undefined ? "tls.ca" : undefined,
      tls.caFile !== undefined ? "tls.caFile" : undefined,
      tls.rejectUnauthorized === false ? "tls.rejectUnauthorized: false" : undefined,
      env[CA_CERT_PATH_ENV] ? `env ${CA_CERT_PATH_ENV}` : undefined,
    ].filter((name) => name !== undefined);
    if (given.length > 0) {
      throw new RegistryError(
        `${given.join(", ")} need Node.js: this runtime verifies TLS certificates with its own ` +
          "trust store (add the CA there), and the client cannot give it another one",
        { code: "INVALID_OPTIONS" },
      );
    }
  }
  return () => Promise.resolve(undefined);
};

import { DEFAULT_SA_RELOAD_INTERVAL_MS, DEFAULT_SA_TOKEN_PATH } from "./constants.js";
import {
  describeFileError,
  type FileIdentity,
  isMissingFileError,
  type ReadTextFile,
  type StatFile,
} from "./file-access.js";
import { jwtExpiry } from "./jwt-expiry.js";
import { defaultReadTextFile, defaultStatFile } from "./runtime.js";
import { TokenProviderError } from "./token-provider-error.js";
import type { AccessToken, TokenProvider } from "./types.js";

/**
 * Options for {@link fromServiceAccountTokenFile}.
 * @public
 */
export interface FromServiceAccountTokenFileOptions {
  /** Token file. Default: `/var/run/secrets/kubernetes.io/serviceaccount/token`. */
  readonly path?: string;
  /** Re-read the file at least this often even when it looks unchanged. Default: 60 000 ms. */
  readonly reloadIntervalMs?: number;
  /** Reads the file. Default: `fs.promises.readFile(path, "utf8")`. */
  readonly readFile?: ReadTextFile;
  /** Stats the file, following symlinks. Default: `fs.promises.stat`. */
  readonly stat?: StatFile;
  /** Clock in epoch milliseconds. Default: `Date.now`. */
  readonly now?: () => number;
}

interface CachedRead {
  readonly token: string;
  readonly exp: number | undefined;
  readonly identity: FileIdentity;
  readonly readAt: number;
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return (
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs
  );
}

/**
 * A provider that reads the pod's projected service-account token, asynchronously and trimmed.
 *
 * Rotation is picked up without a restart: every call stats the file (following symlinks, so the
 * kubelet's atomic swap of the `..data` symlink to a new timestamped directory shows up as a new
 * inode) and re-reads it when it changed, when `forceRefresh` is set, or when `reloadIntervalMs`
 * has passed since the last read. `expiresAt` is the earlier of the JWT's `exp` and the next
 * scheduled re-check, so `memoize()` comes back in time to see a rotated token.
 *
 * A missing file means "not configured here" (`tryNextProvider: true`); an unreadable or empty
 * file stops a chain.
 *
 * @example
 * ```ts
 * const auth = memoize(fromServiceAccountTokenFile());
 * ```
 * @public
 */
export function fromServiceAccountTokenFile(
  options: FromServiceAccountTokenFileOptions = {},
): TokenProvider {
  const path = options.path ?? DEFAULT_SA_TOKEN_PATH;
  const reloadIntervalMs = options.reloadIntervalMs ?? DEFAULT_SA_RELOAD_INTERVAL_MS;
  const readFile = options.readFile ?? defaultReadTextFile;
  const statFile = options.stat ?? defaultStatFile;
  const now = options.now ?? Date.now;
  let cached: CachedRead | undefined;

  const notFound = (cause: unknown) =>
    new TokenProviderError(`no service-account token file at ${path}`, {
      tryNextProvider: true,
      cause,
    });

  const toAccessToken = (entry: CachedRead, at: number): AccessToken => {
    const recheckAt = at + reloadIntervalMs;
    const expiresAt = entry.exp === undefined ? recheckAt : Math.min(entry.exp, recheckAt);
    return { token: entry.token, expiresAt: new Date(expiresAt) };
  };

  return async (request) => {
    let identity: FileIdentity;
    try {
      identity = await statFile(path);
    } catch (error) {
      cached = undefined;
      if (isMissingFileError(error)) throw notFound(error);
      throw new TokenProviderError(
        `cannot stat service-account token file ${path} (${describeFileError(error)})`,
        { cause: error },
      );
    }

    const at = now();
    if (
      cached !== undefined &&
      request?.forceRefresh !== true &&
      sameFile(cached.identity, identity) &&
      at < cached.readAt + reloadIntervalMs
    ) {
      return toAccessToken(cached, at);
    }

    let text: string;
    try {
      text = await readFile(path);
    } catch (error) {
      cached = undefined;
      if (isMissingFileError(error)) throw notFound(error);
      throw new TokenProviderError(
        `cannot read service-account token file ${path} (${describeFileError(error)})`,
        { cause: error },
      );
    }
    const token = text.trim();
    if (token === "") {
      cached = undefined;
      throw new TokenProviderError(`service-account token file ${path} is empty`, {
        code: "EMPTY_TOKEN",
      });
    }
    cached = { token, exp: jwtExpiry(token)?.getTime(), identity, readAt: at };
    return toAccessToken(cached, at);
  };
}

import { homedir as osHomedir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { KUBECONFIG_ENV_VAR } from "./constants.js";
import { describeFileError, isMissingFileError, type ReadTextFile } from "./file-access.js";
import type { EnvRecord } from "./from-env.js";
import { jwtExpiry } from "./jwt-expiry.js";
import { type KubeconfigUser, loadKubeconfig } from "./kubeconfig.js";
import { defaultReadTextFile } from "./runtime.js";
import { TokenProviderError } from "./token-provider-error.js";
import type { AccessToken, TokenProvider } from "./types.js";

/**
 * Options for {@link fromKubeconfig}.
 * @public
 */
export interface FromKubeconfigOptions {
  /** One kubeconfig file. Default: the `KUBECONFIG` list, else `~/.kube/config`. */
  readonly path?: string;
  /** Context to use instead of the file's `current-context`. */
  readonly context?: string;
  /** Where to read `KUBECONFIG`. Default: `process.env`, read at each call. */
  readonly env?: EnvRecord;
  /** Reads a file as text. Default: `fs.promises.readFile(path, "utf8")`. */
  readonly readFile?: ReadTextFile;
  /** The home directory. Default: `os.homedir`. */
  readonly homedir?: () => string;
}

function kubeconfigFiles(options: FromKubeconfigOptions): string[] {
  if (options.path !== undefined) return [options.path];
  const list = (options.env ?? process.env)[KUBECONFIG_ENV_VAR];
  const files = (list ?? "").split(delimiter).filter((file) => file !== "");
  if (files.length > 0) return files;
  return [join((options.homedir ?? osHomedir)(), ".kube", "config")];
}

function notSupported(userName: string, what: string): TokenProviderError {
  return new TokenProviderError(
    `kubeconfig user "${userName}" authenticates with ${what}, which is not supported yet; ` +
      "obtain a token yourself and pass it with fromStaticToken() or MODEL_REGISTRY_TOKEN",
    { code: "NOT_SUPPORTED" },
  );
}

function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

async function tokenOfUser(
  name: string,
  entry: KubeconfigUser,
  readFile: ReadTextFile,
): Promise<AccessToken> {
  const { user } = entry;
  const inline = user["token"];
  if (typeof inline === "string" && inline.trim() !== "") {
    const token = inline.trim();
    const expiresAt = jwtExpiry(token);
    return expiresAt === undefined ? { token } : { token, expiresAt };
  }
  const tokenFile = user["tokenFile"];
  if (typeof tokenFile === "string" && tokenFile !== "") {
    const file = resolve(entry.directory, tokenFile);
    let text: string;
    try {
      text = await readFile(file);
    } catch (error) {
      const reason = isMissingFileError(error) ? "it does not exist" : describeFileError(error);
      throw new TokenProviderError(
        `cannot read tokenFile ${file} of kubeconfig user "${name}" (${reason})`,
        { cause: error },
      );
    }
    const token = text.trim();
    if (token === "") {
      throw new TokenProviderError(`tokenFile ${file} of kubeconfig user "${name}" is empty`, {
        code: "EMPTY_TOKEN",
      });
    }
    const expiresAt = jwtExpiry(token);
    return expiresAt === undefined ? { token } : { token, expiresAt };
  }
  if (isRecordLike(user["exec"])) throw notSupported(name, "an exec plugin");
  const provider = user["auth-provider"];
  if (isRecordLike(provider)) {
    const kind = typeof provider["name"] === "string" ? provider["name"] : "unknown";
    const what =
      kind === "oidc" ? "the OIDC auth-provider" : `the "${kind.slice(0, 40)}" auth-provider`;
    throw notSupported(name, what);
  }
  throw new TokenProviderError(`kubeconfig user "${name}" has no bearer token`, {
    tryNextProvider: true,
  });
}

/**
 * A provider that returns the bearer token of the current kubeconfig context, as written by
 * `kubectl config set-credentials --token` or `oc login`: the user's `token`, else its `tokenFile`.
 *
 * Files come from `path`, else the `KUBECONFIG` list (merged as kubectl does: the first file that
 * sets `current-context`, a context or a user wins), else `~/.kube/config`. They are read again at
 * each call, so wrap the provider in `memoize()`.
 *
 * No kubeconfig file, no current context or a user without a token means "not configured here"
 * (`tryNextProvider: true`). Users with an exec plugin or an auth-provider (OIDC and others) get a
 * `NOT_SUPPORTED` error that stops the chain.
 *
 * @example
 * ```ts
 * const auth = memoize(fromKubeconfig({ context: "prod" }));
 * ```
 * @public
 */
export function fromKubeconfig(options: FromKubeconfigOptions = {}): TokenProvider {
  const readFile = options.readFile ?? defaultReadTextFile;
  return async () => {
    const files = kubeconfigFiles(options);
    const config = await loadKubeconfig(files, readFile);
    if (config.files.length === 0) {
      throw new TokenProviderError(`no kubeconfig file found (looked at ${files.join(", ")})`, {
        tryNextProvider: true,
      });
    }
    const contextName = options.context ?? config.currentContext;
    if (contextName === undefined) {
      throw new TokenProviderError(`kubeconfig ${config.files.join(", ")} has no current-context`, {
        tryNextProvider: true,
      });
    }
    const context = config.contexts.get(contextName);
    if (context === undefined) {
      throw new TokenProviderError(`kubeconfig has no context named "${contextName}"`, {
        code: "INVALID_CONFIG",
      });
    }
    if (context.user === undefined) {
      throw new TokenProviderError(`kubeconfig context "${contextName}" names no user`, {
        tryNextProvider: true,
      });
    }
    const user = config.users.get(context.user);
    if (user === undefined) {
      throw new TokenProviderError(
        `kubeconfig context "${contextName}" refers to unknown user "${context.user}"`,
        { code: "INVALID_CONFIG" },
      );
    }
    return tokenOfUser(context.user, user, readFile);
  };
}

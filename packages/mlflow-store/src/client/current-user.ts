import { defaultEnv, osUserName } from "../runtime.js";

/** Where {@link currentUser} looks. @public */
export interface CurrentUserOptions {
  /** @default process.env on Node.js; none in the universal build (browsers, workers) */
  env?: Record<string, string | undefined>;
  /** The OS account name. @default os.userInfo().username on Node.js; none elsewhere */
  osUser?: () => string;
}

/**
 * The user MLflow records on runs (`mlflow.user`, `RunInfo.userId`): the MLflow tracking username
 * (`MLFLOW_TRACKING_USERNAME`) when set, else the login name from `LOGNAME`, `USER`, `LNAME` or
 * `USERNAME` (as Python's `getpass.getuser()`), else the OS account, else `"unknown"`.
 * @public
 */
export function currentUser(options: CurrentUserOptions = {}): string {
  const env = options.env ?? defaultEnv();
  for (const name of ["MLFLOW_TRACKING_USERNAME", "LOGNAME", "USER", "LNAME", "USERNAME"]) {
    const value = env[name];
    if (value) return value;
  }
  try {
    const name = (options.osUser ?? osUserName)();
    if (name) return name;
  } catch {
    // No passwd entry for the uid (common in containers), or no OS account at all: fall through.
  }
  return "unknown";
}

import { userInfo } from "node:os";

/** Where {@link currentUser} looks. @public */
export interface CurrentUserOptions {
  /** @default process.env */
  env?: Record<string, string | undefined>;
  /** The OS account name. @default os.userInfo().username */
  osUser?: () => string;
}

/**
 * The user MLflow records on runs (`mlflow.user`, `RunInfo.userId`): the MLflow tracking username
 * (`MLFLOW_TRACKING_USERNAME`) when set, else the login name from `LOGNAME`, `USER`, `LNAME` or
 * `USERNAME` (as Python's `getpass.getuser()`), else the OS account, else `"unknown"`.
 * @public
 */
export function currentUser(options: CurrentUserOptions = {}): string {
  const env = options.env ?? process.env;
  for (const name of ["MLFLOW_TRACKING_USERNAME", "LOGNAME", "USER", "LNAME", "USERNAME"]) {
    const value = env[name];
    if (value) return value;
  }
  try {
    const name = (options.osUser ?? (() => userInfo().username))();
    if (name) return name;
  } catch {
    // No passwd entry for the uid (common in containers): fall through.
  }
  return "unknown";
}

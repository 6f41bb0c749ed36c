import { isRecord, parseJson } from "../mapping/parse-json.js";

/**
 * Adds the tags of env `MLFLOW_RUN_CONTEXT` (a JSON object) to `tags`, as MLflow's environment
 * run-context provider does.
 * @internal
 */
export function addRunContextFromEnv(
  tags: Record<string, string>,
  env: Record<string, string | undefined>,
): void {
  // MLflow only logs a provider failure; an unreadable MLFLOW_RUN_CONTEXT adds nothing.
  const parsed = parseJson(env.MLFLOW_RUN_CONTEXT);
  if (!isRecord(parsed)) return;
  for (const [key, value] of Object.entries(parsed)) tags[key] = String(value);
}

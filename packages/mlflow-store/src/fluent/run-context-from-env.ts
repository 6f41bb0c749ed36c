/**
 * Adds the tags of env `MLFLOW_RUN_CONTEXT` (a JSON object) to `tags`, as MLflow's environment
 * run-context provider does.
 * @internal
 */
export function addRunContextFromEnv(
  tags: Record<string, string>,
  env: Record<string, string | undefined>,
): void {
  const extra = env.MLFLOW_RUN_CONTEXT;
  if (!extra) return;
  try {
    const parsed: unknown = JSON.parse(extra);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed)) tags[key] = String(value);
    }
  } catch {
    // MLflow only logs a provider failure; an unreadable MLFLOW_RUN_CONTEXT adds nothing.
  }
}

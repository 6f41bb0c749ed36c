import { MlflowError } from "../mlflow-error.js";

/** MLflow's page token: base64 of `{"offset": N}`. @internal */
export function encodeOffsetToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64");
}

/** The offset in an MLflow page token (0 without one). @internal */
export function decodeOffsetToken(token: string | undefined): number {
  if (!token) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw MlflowError.invalidParameterValue("Invalid page token, could not base64-decode");
  }
  const offset = Number((parsed as { offset?: unknown } | null)?.offset);
  if (!Number.isInteger(offset) || offset <= 0) {
    throw MlflowError.invalidParameterValue(
      `Invalid page token, parsed value=${JSON.stringify(parsed)}`,
    );
  }
  return offset;
}

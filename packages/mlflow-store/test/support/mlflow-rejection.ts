import { isMlflowError, type MlflowError } from "../../src/index.js";

/** The MlflowError a promise rejects with; fails when it resolves or rejects with anything else. */
export async function mlflowRejection(promise: Promise<unknown>): Promise<MlflowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isMlflowError(error)) throw new Error(`expected an MlflowError, got ${String(error)}`);
  return error;
}

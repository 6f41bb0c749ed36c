import { isMlflowError } from "../../src/index.js";

/** The MlflowError a promise rejects with (code and message); fails when it resolves or throws something else. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ errorCode: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isMlflowError(error)) return { errorCode: error.errorCode, message: error.message };
    throw error;
  }
  throw new Error("expected the call to fail");
}

import { expect } from "vitest";
import { isMlflowError } from "../../src/mlflow-error.js";

/** Runs `fn` and asserts it throws INVALID_PARAMETER_VALUE whose message contains `text`. */
export function expectInvalid(fn: () => unknown, text: string | RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(isMlflowError(thrown), `expected an MlflowError, got ${String(thrown)}`).toBe(true);
  const error = thrown as { errorCode: string; message: string; httpStatus: number };
  expect(error.errorCode).toBe("INVALID_PARAMETER_VALUE");
  expect(error.httpStatus).toBe(400);
  if (typeof text === "string") expect(error.message).toContain(text);
  else expect(error.message).toMatch(text);
}

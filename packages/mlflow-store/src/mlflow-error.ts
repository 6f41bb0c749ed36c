/**
 * MLflow error codes as the tracking server reports them. Open union: unknown codes pass through.
 * @public
 */
export type MlflowErrorCode =
  | "INTERNAL_ERROR"
  | "INVALID_STATE"
  | "DATA_LOSS"
  | "NOT_IMPLEMENTED"
  | "TEMPORARILY_UNAVAILABLE"
  | "DEADLINE_EXCEEDED"
  | "REQUEST_LIMIT_EXCEEDED"
  | "RESOURCE_EXHAUSTED"
  | "CANCELLED"
  | "ABORTED"
  | "RESOURCE_CONFLICT"
  | "ALREADY_EXISTS"
  | "NOT_FOUND"
  | "ENDPOINT_NOT_FOUND"
  | "RESOURCE_DOES_NOT_EXIST"
  | "PERMISSION_DENIED"
  | "CUSTOMER_UNAUTHORIZED"
  | "UNAUTHENTICATED"
  | "BAD_REQUEST"
  | "RESOURCE_ALREADY_EXISTS"
  | "INVALID_PARAMETER_VALUE"
  | (string & {});

/** HTTP status MLflow uses for each error code (mlflow/exceptions.py). */
const HTTP_STATUS: Readonly<Record<string, number>> = {
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  ABORTED: 409,
  RESOURCE_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_DOES_NOT_EXIST: 404,
  PERMISSION_DENIED: 403,
  CUSTOMER_UNAUTHORIZED: 401,
  UNAUTHENTICATED: 401,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_PARAMETER_VALUE: 400,
};

/** The HTTP status MLflow reports for `code` (500 for codes it does not list). @public */
export function httpStatusForErrorCode(code: MlflowErrorCode): number {
  return HTTP_STATUS[code] ?? 500;
}

const BRAND = Symbol.for("@model-registry/mlflow-store.MlflowError");

/**
 * The one error type the MLflow store throws. `errorCode` is MLflow's code, `httpStatus` the status
 * MLflow would answer with. Registry errors are translated into it and kept as `cause`.
 * @public
 */
export class MlflowError extends Error {
  override readonly name = "MlflowError";
  readonly errorCode: MlflowErrorCode;
  readonly httpStatus: number;
  readonly [BRAND] = true;

  constructor(
    message: string,
    errorCode: MlflowErrorCode = "INTERNAL_ERROR",
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.errorCode = errorCode;
    this.httpStatus = httpStatusForErrorCode(errorCode);
  }

  /** Shorthand for `new MlflowError(message, "INVALID_PARAMETER_VALUE")`. */
  static invalidParameterValue(message: string, options?: ErrorOptions): MlflowError {
    return new MlflowError(message, "INVALID_PARAMETER_VALUE", options);
  }

  /** MLflow's JSON error body shape. */
  toJSON(): { error_code: string; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

/** True for errors thrown by this package (works across duplicated package copies). @public */
export function isMlflowError(value: unknown): value is MlflowError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

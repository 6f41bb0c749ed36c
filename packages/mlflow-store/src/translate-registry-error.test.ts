import {
  NotAModelRegistryError,
  RegistryError,
  RegistryHttpError,
  RegistryNetworkError,
  RegistryTimeoutError,
} from "@model-registry/registry-client";
import { describe, expect, it } from "vitest";
import { MlflowError } from "./mlflow-error.js";
import { toMlflowError } from "./translate-registry-error.js";

function httpError(status: number, serverMessage = "boom"): RegistryHttpError {
  return new RegistryHttpError({
    status,
    serverMessage,
    method: "GET",
    url: "http://r/api/model_registry/v1alpha3/x",
  });
}

describe("toMlflowError", () => {
  it.each([
    [404, "RESOURCE_DOES_NOT_EXIST", 404],
    [409, "RESOURCE_ALREADY_EXISTS", 400],
    [400, "INVALID_PARAMETER_VALUE", 400],
    [422, "INVALID_PARAMETER_VALUE", 400],
    [401, "UNAUTHENTICATED", 401],
    [403, "PERMISSION_DENIED", 403],
    [429, "REQUEST_LIMIT_EXCEEDED", 429],
    [503, "TEMPORARILY_UNAVAILABLE", 503],
    [500, "INTERNAL_ERROR", 500],
  ])("maps HTTP %i to %s (HTTP %i)", (status, code, httpStatus) => {
    const cause = httpError(status);
    const error = toMlflowError(cause, "getRun");
    expect(error).toBeInstanceOf(MlflowError);
    expect(error.errorCode).toBe(code);
    expect(error.httpStatus).toBe(httpStatus);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(`getRun failed: the registry answered HTTP ${status}: boom`);
  });

  it("uses the given messages for 404 and 409", () => {
    expect(
      toMlflowError(httpError(404), "getRun", { notFound: "Run with id=1 not found" }).message,
    ).toBe("Run with id=1 not found");
    expect(toMlflowError(httpError(409), "x", { conflict: "taken" }).message).toBe("taken");
  });

  it("maps network failures and timeouts to TEMPORARILY_UNAVAILABLE", () => {
    const request = { method: "POST", url: "http://r/api/model_registry/v1alpha3/experiments" };
    const network = new RegistryNetworkError({
      ...request,
      reachedServer: false,
      causeCode: "ECONNREFUSED",
    });
    const timeout = new RegistryTimeoutError({ ...request, timeoutMs: 5 });
    expect(toMlflowError(network, "logMetric").errorCode).toBe("TEMPORARILY_UNAVAILABLE");
    expect(toMlflowError(timeout, "logMetric").errorCode).toBe("TEMPORARILY_UNAVAILABLE");
  });

  it("maps token failures to UNAUTHENTICATED", () => {
    const failure = Object.assign(new Error("No authentication token available"), {
      name: "TokenProviderError",
    });
    expect(toMlflowError(failure, "getRun").errorCode).toBe("UNAUTHENTICATED");
  });

  it("passes MlflowErrors through and wraps anything else as INTERNAL_ERROR", () => {
    const own = MlflowError.invalidParameterValue("bad");
    expect(toMlflowError(own, "x")).toBe(own);
    const wrapped = toMlflowError(new TypeError("oops"), "searchRuns");
    expect(wrapped.errorCode).toBe("INTERNAL_ERROR");
    expect(wrapped.message).toBe("searchRuns failed: oops");
  });

  it("never puts the request's credentials in the message", () => {
    const error = toMlflowError(httpError(401, "unauthorized"), "getRun");
    expect(error.message).not.toMatch(/bearer|token/i);
  });

  it("adds the client's hint to a 401 or 403", () => {
    const error = toMlflowError(
      new RegistryHttpError({
        status: 401,
        serverMessage: "Unauthorized",
        method: "GET",
        url: "http://r/x",
        hint: "A token was found but not sent",
      }),
      "getRun",
    );
    expect(error.message).toBe(
      "getRun failed: the registry answered HTTP 401: Unauthorized. A token was found but not sent",
    );
  });

  it("maps a server that is not a Model Registry to ENDPOINT_NOT_FOUND, even with a notFound message", () => {
    const cause = new NotAModelRegistryError({
      server: "http://r:1/prefix",
      method: "GET",
      url: "http://r:1/prefix/api/model_registry/v1alpha3/experiments/1",
      status: 404,
      contentType: "text/plain; charset=utf-8",
    });
    const error = toMlflowError(cause, "getExperiment", { notFound: "No Experiment with id=1" });
    expect(error.errorCode).toBe("ENDPOINT_NOT_FOUND");
    expect(error.cause).toBe(cause);
    expect(error.message).toMatch(
      /^getExperiment failed: the server at http:\/\/r:1\/prefix does not look like a Model Registry \(GET/,
    );
  });

  it("names a token provider's reason for an AUTH_ERROR", () => {
    const reason = new Error("@model-registry/auth: cannot read tokenFile /t (EACCES)");
    const error = toMlflowError(
      new RegistryError("could not obtain an access token", { code: "AUTH_ERROR", cause: reason }),
      "createRun",
    );
    expect(error.errorCode).toBe("UNAUTHENTICATED");
    expect(error.message).toBe(
      "createRun failed: no usable token (could not obtain an access token: @model-registry/auth: cannot read tokenFile /t (EACCES))",
    );
  });
});

import { decodeBase64, encodeBase64 } from "../base64.js";
import { MlflowError } from "../mlflow-error.js";
import {
  compareLoggedModels,
  loggedModelMatches,
  parseLoggedModelsFilter,
  parseLoggedModelsOrderBy,
  validateLoggedModelDatasets,
} from "../search/index.js";
import type { LoggedModel, SearchLoggedModelsOptions } from "../types.js";
import { registryOrderFor } from "./logged-model-order.js";
import { registryPrefilters } from "./logged-model-prefilter.js";

/** How one logged-model search is evaluated. @internal */
export interface LoggedModelSearchPlan {
  matches(model: LoggedModel): boolean;
  compare(a: LoggedModel, b: LoggedModel): number;
  /** Set when the registry can sort in the requested order (the search then streams). */
  registryOrder?: { orderBy: "CREATE_TIME" | "LAST_UPDATE_TIME"; sortOrder: "ASC" | "DESC" };
  /** filterQuery conditions that select a superset of the matches (applied before paging). */
  registryFilters: string[];
  /** True when nothing can match (e.g. a `datasets` restriction: model metrics are not stored). */
  matchesNothing: boolean;
  /** The query a page token is bound to. */
  query: {
    experimentIds: string[];
    filterString: string | null;
    orderBy: unknown;
    datasets: unknown;
  };
}

/** Where the next page starts: a registry cursor (streaming) or an offset (in-memory order). @internal */
export interface SearchPosition {
  cursor?: string;
  skip?: number;
  chunk?: number;
  offset?: number;
}

/** Builds the plan: parses the filter and order, validates `datasets`. @internal */
export function planLoggedModelSearch(options: SearchLoggedModelsOptions): LoggedModelSearchPlan {
  const clauses = parseLoggedModelsFilter(options.filterString);
  const order = parseLoggedModelsOrderBy(options.orderBy);
  validateLoggedModelDatasets(options.datasets);
  const registryOrder = registryOrderFor(order);
  return {
    matches: (model) => loggedModelMatches(clauses, model),
    compare: compareLoggedModels(order),
    ...(registryOrder !== undefined ? { registryOrder } : {}),
    registryFilters: registryPrefilters(clauses),
    matchesNothing: (options.datasets ?? []).length > 0,
    query: {
      experimentIds: [...options.experimentIds],
      filterString: options.filterString ?? null,
      orderBy: options.orderBy ?? null,
      datasets: options.datasets ?? null,
    },
  };
}

/** Encodes a page position with the query it belongs to (opaque base64 JSON). @internal */
export function encodeSearchToken(plan: LoggedModelSearchPlan, position: SearchPosition): string {
  return encodeBase64(JSON.stringify({ ...plan.query, position }));
}

function invalidToken(detail: string): MlflowError {
  return MlflowError.invalidParameterValue(`Invalid page token: ${detail}`);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Decodes a page token, rejecting tokens of another query with MLflow's messages
 * (INVALID_PARAMETER_VALUE). No token means the first page.
 * @internal
 */
export function decodeSearchToken(
  plan: LoggedModelSearchPlan,
  token: string | undefined,
): SearchPosition {
  if (token === undefined || token === "") return {};
  let decoded: Record<string, unknown>;
  try {
    decoded = JSON.parse(decodeBase64(token) ?? "") as Record<string, unknown>;
  } catch {
    throw invalidToken("it is not a token returned by searchLoggedModels.");
  }
  if (typeof decoded !== "object" || decoded === null || typeof decoded["position"] !== "object") {
    throw invalidToken("it is not a token returned by searchLoggedModels.");
  }
  const { query } = plan;
  if (!same(decoded["experimentIds"], query.experimentIds)) {
    throw MlflowError.invalidParameterValue(
      `Experiment IDs in the page token do not match the requested experiment IDs. Expected: ${JSON.stringify(query.experimentIds)}. Found: ${JSON.stringify(decoded["experimentIds"])}`,
    );
  }
  if (!same(decoded["filterString"], query.filterString)) {
    throw MlflowError.invalidParameterValue(
      `Filter string in the page token does not match the requested filter string. Expected: ${JSON.stringify(query.filterString)}. Found: ${JSON.stringify(decoded["filterString"])}`,
    );
  }
  if (!same(decoded["orderBy"], query.orderBy) || !same(decoded["datasets"], query.datasets)) {
    throw MlflowError.invalidParameterValue(
      `Order by in the page token does not match the requested order by. Expected: ${JSON.stringify(query.orderBy)}. Found: ${JSON.stringify(decoded["orderBy"])}`,
    );
  }
  const position = decoded["position"] as SearchPosition;
  const numbers = [position.skip, position.chunk, position.offset];
  if (numbers.some((n) => n !== undefined && (!Number.isInteger(n) || n < 0))) {
    throw invalidToken("its position is malformed.");
  }
  if (position.cursor !== undefined && typeof position.cursor !== "string") {
    throw invalidToken("its position is malformed.");
  }
  return position;
}

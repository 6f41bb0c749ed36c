import { RUN_NAME_NOUNS, RUN_NAME_PREDICATES } from "./run-name-words.js";

const MAX_GENERATED_LENGTH = 20;
const ATTEMPTS = 10;

/**
 * A random run name as MLflow generates one: `<predicate>-<noun>-<n>` from MLflow's word lists,
 * `n` from 0 to 1000; drawn again (up to 10 times) while longer than 20 characters, else cut to 20.
 * @internal
 */
export function generateRunName(random: () => number = Math.random): string {
  const pick = (list: readonly string[]): string =>
    list[Math.floor(random() * list.length)] as string;
  let name = "";
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    name = `${pick(RUN_NAME_PREDICATES)}-${pick(RUN_NAME_NOUNS)}-${Math.floor(random() * 1001)}`;
    if (name.length <= MAX_GENERATED_LENGTH) return name;
  }
  return name.slice(0, MAX_GENERATED_LENGTH);
}

const MAX_REGISTRY_NAME = 200;

/**
 * The registry name for a run named `runName`. Registry run names are unique per experiment and
 * immutable while MLflow's are neither, so the MLflow name lives in the `mlflow.runName` tag and the
 * registry name is the MLflow name (cut to fit the registry column), followed by `~suffix` when that
 * is already taken.
 * @internal
 */
export function registryRunName(runName: string, suffix?: string): string {
  const base = [...runName].slice(0, MAX_REGISTRY_NAME).join("") || "run";
  return suffix === undefined ? base : `${base}~${suffix}`;
}

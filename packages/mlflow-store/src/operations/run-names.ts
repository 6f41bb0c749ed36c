const ADJECTIVES = [
  "amber",
  "brave",
  "calm",
  "clever",
  "crisp",
  "eager",
  "fancy",
  "gentle",
  "glad",
  "golden",
  "honest",
  "jolly",
  "keen",
  "lively",
  "lucky",
  "merry",
  "noble",
  "proud",
  "quick",
  "quiet",
  "rapid",
  "sharp",
  "shy",
  "silent",
  "sunny",
  "swift",
  "tidy",
  "vivid",
  "warm",
  "wise",
] as const;
const NOUNS = [
  "ant",
  "bat",
  "bee",
  "cat",
  "cow",
  "crab",
  "deer",
  "dove",
  "duck",
  "eel",
  "elk",
  "fox",
  "frog",
  "goat",
  "hare",
  "hawk",
  "lark",
  "lion",
  "lynx",
  "mole",
  "moth",
  "newt",
  "owl",
  "ram",
  "seal",
  "slug",
  "swan",
  "toad",
  "wasp",
  "wolf",
  "yak",
] as const;

/** A random run name in MLflow's "adjective-noun-NNN" form (at most 20 characters). @internal */
export function generateRunName(random: () => number = Math.random): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${Math.floor(random() * 1000)}`;
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

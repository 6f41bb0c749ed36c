/**
 * Artifact state names → stored integers.
 *
 * @internal
 */
export const ARTIFACT_STATE_NUMBERS: Readonly<Record<string, number>> = {
  UNKNOWN: 0,
  PENDING: 1,
  LIVE: 2,
  MARKED_FOR_DELETION: 3,
  DELETED: 4,
  ABANDONED: 5,
  REFERENCE: 6,
};

/**
 * Execution (serve model) state names → stored integers.
 *
 * @internal
 */
export const EXECUTION_STATE_NUMBERS: Readonly<Record<string, number>> = {
  UNKNOWN: 0,
  NEW: 1,
  RUNNING: 2,
  COMPLETE: 3,
  FAILED: 4,
  CACHED: 5,
  CANCELED: 6,
};

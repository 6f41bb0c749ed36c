import { measureQueueMemory } from "./queue-memory.js";

// Runs one queue-memory measurement in a process of its own (see measureQueueMemoryIsolated),
// so nothing the benchmark allocated before can be collected during it.
const keys = Number(process.argv[2]);
const result = await measureQueueMemory(keys);
process.send?.(result);

export { createFakeRegistry } from "./create-fake-registry.js";
export type {
  FakeRegistry,
  FakeRegistryOptions,
  FakeRegistrySnapshot,
  FaultRule,
  RecordedRequest,
  ResponseRecord,
} from "./types.js";

export { createFakeRegistry } from "./create-fake-registry.js";
export { type FakeRegistryMswServer, setupFakeRegistry } from "./server/setup-fake-registry.js";
export {
  type FakeRegistryServer,
  type FakeRegistryServerOptions,
  startFakeRegistryServer,
} from "./server/start-fake-registry-server.js";
export type {
  FakeRegistry,
  FakeRegistryOptions,
  FakeRegistrySnapshot,
  FaultRule,
  RecordedRequest,
  ResponseRecord,
} from "./types.js";

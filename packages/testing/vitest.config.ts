import { packageVitestConfig } from "../../vitest.shared.js";

export default packageVitestConfig({ setupFiles: ["test/support/setup.ts"] });

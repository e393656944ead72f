// Storage isolation between files running in parallel (the suite is in
// isolationSuite.ts; files-a and files-b run it side by side).
import { defineIsolationSuite } from "./isolationSuite";

defineIsolationSuite("a");

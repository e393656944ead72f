import { linkFor } from "rwsdk/router";
import type { App } from "rwsdk/worker";

export const link = linkFor<App>();

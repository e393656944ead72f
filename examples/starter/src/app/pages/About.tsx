import type { RequestInfo } from "rwsdk/worker";

import { Shell } from "@/app/components/Shell";

export function About({ ctx, request }: RequestInfo) {
  const cleared = new URL(request.url).searchParams.has("cleared");
  return (
    <Shell userName={ctx.session?.userName ?? null}>
      <h1 id="title">About</h1>
      {cleared ? <p id="cleared">All notes were cleared.</p> : null}
      <p id="about-text">
        A RedwoodSDK app in the standard starter's layout, served by rwsdk's own
        dev server or by Switchyard.
      </p>
    </Shell>
  );
}

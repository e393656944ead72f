import type { RequestInfo } from "rwsdk/worker";

import { Shell } from "@/app/components/Shell";
import { SignInForm } from "@/app/components/SignInForm";

export function Login({ ctx }: RequestInfo) {
  return (
    <Shell userName={ctx.session?.userName ?? null}>
      <h1 id="title">Sign in</h1>
      <SignInForm signedIn={ctx.session !== null} />
    </Shell>
  );
}

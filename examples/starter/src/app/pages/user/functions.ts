"use server";

import { requestInfo } from "rwsdk/worker";

import { sessions } from "@/session/store";

/** Form action: signs in under a name (a demo: no password) and goes home. */
export async function signIn(formData: FormData) {
  const userName = String(formData.get("userName") ?? "").trim();
  if (!userName) throw new Error("A name is needed to sign in");
  await sessions.save(requestInfo.response.headers, {
    userName: userName.slice(0, 40),
    signedInAt: new Date().toISOString(),
  });
  return new Response(null, { status: 303, headers: { Location: "/" } });
}

export async function signOut() {
  await sessions.remove(requestInfo.request, requestInfo.response.headers);
  return new Response(null, { status: 303, headers: { Location: "/" } });
}

"use server";

import { requestInfo } from "rwsdk/worker";

export async function greet(name: string, count: number): Promise<string> {
  requestInfo.response.headers.set("x-greeted", name);
  return `Hello, ${name}! The server saw count ${count}.`;
}

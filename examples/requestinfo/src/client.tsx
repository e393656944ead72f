import { initClient } from "rwsdk/client";

// Hydrates the page from the RSC payload the worker wrote into it, and lets
// "use server" functions called from client components reach the worker.
initClient();

import { initClient } from "rwsdk/client";

// Hydrates the server-rendered page: "use client" components (the Counter)
// come alive and their "use server" calls go to the worker.
initClient();

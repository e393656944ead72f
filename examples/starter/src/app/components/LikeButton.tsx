"use client";

import { useState, useTransition } from "react";

import { like } from "@/app/pages/notes/functions";
import styles from "./Shell.module.css";

// An onClick action: calls the server function and shows what it returned.
export function LikeButton({ id, likes }: { id: number; likes: number }) {
  const [count, setCount] = useState(likes);
  const [pending, startTransition] = useTransition();
  return (
    <button
      className={`${styles.button} like`}
      disabled={pending}
      onClick={() => startTransition(async () => setCount(await like(id)))}
    >
      ♥ {count}
    </button>
  );
}

"use client";

import { signIn, signOut } from "@/app/pages/user/functions";
import styles from "./Shell.module.css";

export function SignInForm({ signedIn }: { signedIn: boolean }) {
  if (signedIn) {
    return (
      <button id="sign-out" className={styles.button} onClick={() => signOut()}>
        Sign out
      </button>
    );
  }
  return (
    // signIn answers with a redirect (a Response); rwsdk's client follows it.
    <form
      id="sign-in"
      className={styles.form}
      action={async (form) => {
        await signIn(form);
      }}
    >
      <input name="userName" placeholder="Your name" required />
      <button className={styles.button} type="submit">
        Sign in
      </button>
    </form>
  );
}

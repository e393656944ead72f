// What the page may say about a secret: its length and the first characters
// of its SHA-256, never the secret itself.
export async function describeSecret(secret: string | undefined): Promise<string> {
  if (!secret) return "not configured";
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${secret.length} characters, sha256 ${hex.slice(0, 8)}…`;
}

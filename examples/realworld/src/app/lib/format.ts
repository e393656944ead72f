// Shared by server and client components, imported through the "@/" alias.
export function formatCount(count: number): string {
  return count === 1 ? "1 click" : `${count} clicks`;
}
